from django.core.management.base import BaseCommand
from django.db import transaction

from candidates import demo as candidates_demo
from core import demo as core_demo
from mentors import demo as mentors_demo
from placements import demo as placements_demo
from programs import demo as programs_demo
from reports import demo as reports_demo
from stewardship import outcome_demo

SEEDERS = [
    core_demo.seed,
    programs_demo.seed,
    candidates_demo.seed,
    placements_demo.seed,
    outcome_demo.seed,
    mentors_demo.seed,
    reports_demo.seed,
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print one login per role."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet: bool = False, **options):  # type: ignore[no-untyped-def]
        world = core_demo.DemoWorld()
        with transaction.atomic():
            for seed in SEEDERS:
                seed(world)
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Logins (password for all):"))
        width = max(len(u) for u, _, _ in world.logins)
        for username, password, description in world.logins:
            self.stdout.write(f"  {username.ljust(width)}  {password}  {description}")
