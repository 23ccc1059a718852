"""Send due reminders now: the periodic task run once, for cron when there is no beat."""

from django.core.management.base import BaseCommand

from reminders.tasks import send_due_reminders


class Command(BaseCommand):
    help = (
        "Claim due reminders and send them (in this process when tasks run eagerly, "
        "without REDIS_URL; otherwise through the Celery workers)."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = send_due_reminders()
        if int(options.get("verbosity", 1)) > 1:  # type: ignore[call-overload]
            self.stdout.write(f"{count} reminders claimed")
