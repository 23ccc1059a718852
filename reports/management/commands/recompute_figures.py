"""Count every programme's stored dashboard figures again (what the nightly task does); run it
after a bulk load that bypassed the services, such as ``seed_scale``."""

from django.core.management.base import BaseCommand

from reports.figures import figures_recompute_all


class Command(BaseCommand):
    help = "Recompute the stored dashboard figures of every programme."

    def handle(self, *args: object, **options: object) -> None:
        drifted = figures_recompute_all()
        self.stdout.write(f"Stored figures recomputed; {drifted} programme(s) disagreed.")
