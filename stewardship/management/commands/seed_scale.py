"""Fill an empty database with synthetic data at a chosen size (national: 400 operators, 200,000
candidates, 2,000,000 follow-up notes), for benchmarks. See stewardship/synthetic/."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from candidates.models import Candidate
from stewardship.synthetic import Generator, Size, seeded_size


class Command(BaseCommand):
    help = (
        "Seed an empty database with synthetic benchmark data (PostgreSQL COPY). "
        "National size: --operators 400 --candidates 200000 --notes 2000000."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--operators", type=int, default=400)
        parser.add_argument("--candidates", type=int, default=200_000)
        parser.add_argument("--notes", type=int, default=2_000_000)
        parser.add_argument(
            "--reminders", type=int, default=None, help="Default: as many as notes."
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None, help="YYYY-MM-DD"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        size = Size(
            operators=options["operators"],
            candidates=options["candidates"],
            notes=options["notes"],
            reminders=options["reminders"]
            if options["reminders"] is not None
            else options["notes"],
            seed=options["seed"],
        )
        if size.operators < 1 or size.candidates < size.operators * 10:
            raise CommandError("Give at least one operator and ten candidates per operator.")
        if Candidate.objects.exists():
            raise CommandError(
                f"The database already holds candidates (seeded: {seeded_size()}); "
                "seed an empty, migrated database."
            )
        verbosity = options["verbosity"]
        generator = Generator(
            size,
            today=options["today"] or timezone.localdate(),
            log=(lambda message: self.stdout.write(message)) if verbosity else (lambda m: None),
        )
        counts = generator.run()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Seeded {size.as_dict()}: {counts}"))
