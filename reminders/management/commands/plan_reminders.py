"""Plan reminders now: the periodic planning task run once, for cron when there is no beat."""

from django.core.management.base import BaseCommand

from reminders.services import reminders_plan


class Command(BaseCommand):
    help = "Create, move and remove unsent reminders from placements, milestones and applications."

    def handle(self, *args: object, **options: object) -> None:
        result = reminders_plan()
        if int(options.get("verbosity", 1)) > 1:  # type: ignore[call-overload]
            self.stdout.write(str(result.as_dict()))
