"""Run retention now: the nightly task once, for cron when there is no beat."""

from django.core.management.base import BaseCommand

from stewardship.tasks import retention_nightly


class Command(BaseCommand):
    help = (
        "Anonymise and delete what each operator's retention policy says is due (in this "
        "process when tasks run eagerly, without REDIS_URL; otherwise through the workers)."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = retention_nightly()
        if int(options.get("verbosity", 1)) > 1:  # type: ignore[call-overload]
            self.stdout.write(f"retention started for {count} operators")
