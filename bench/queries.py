"""Two single-purpose reads: the reminder sweep's claim, and name search in many scripts."""

import itertools
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from candidates.models import Candidate
from candidates.selectors import candidates_for, name_order, search
from core.models import Membership
from reminders.models import Reminder
from reminders.services import reminders_claim_due

from .pages import Timing, timed

CLAIM = 1000
CLAIM_RUNS = 25
# Names as a coordinator types them: Latin, transliterated, and in the person's own script.
SEARCHES = ["hassan", "nowak", "mohammad", "smirnov", "смирнов", "محمد", "ተስፋይ", "ana silva"]


@dataclass
class ClaimResult:
    timing: Timing
    claimed: int
    due: int
    total: int


def measure_claim() -> ClaimResult:
    """Claim 1,000 due rows (SELECT … FOR UPDATE SKIP LOCKED, then the UPDATE), each time in a
    transaction that is rolled back, so every run claims the same rows."""
    now = timezone.now()
    claimed = 0

    def claim() -> None:
        nonlocal claimed
        with transaction.atomic():
            chunks = reminders_claim_due(now=now, limit=CLAIM)
            claimed = sum(len(c) for c in chunks)
            transaction.set_rollback(True)

    # Each run is rolled back, which leaves 1,000 dead row versions behind; production commits
    # its claims and autovacuum cleans up. A VACUUM between runs (not timed) stands in for it,
    # so each run sees the table as a sweep would, not after dozens of aborted claims.
    samples = []
    for _ in range(CLAIM_RUNS):
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {Reminder._meta.db_table}")
        started = time.perf_counter()
        claim()
        samples.append((time.perf_counter() - started) * 1000)
    timing = Timing.of(samples)
    due = Reminder.objects.filter(sent_at__isnull=True, due_at__lte=now).count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [Reminder._meta.db_table],
        )
        total = cursor.fetchone()[0]
    return ClaimResult(timing, claimed, due, total)


@dataclass
class SearchResult:
    scope: str
    timing: Timing
    hits: dict[str, int]


def _search_page(candidates, query: str) -> list[Candidate]:  # type: ignore[no-untyped-def]
    """The first page of a name search as the candidate list asks for it (25 rows, by name)."""
    return list(search(candidates, query).order_by(*name_order(), "pk")[:25])


def measure_search(membership: Membership) -> list[SearchResult]:
    results = []
    for scope, candidates in [
        ("operator", candidates_for(membership)),
        ("national", Candidate.objects.all()),
    ]:
        hits = {q: len(_search_page(candidates, q)) for q in SEARCHES}
        queries = itertools.cycle(SEARCHES)

        def one(candidates=candidates, queries=queries) -> None:  # type: ignore[no-untyped-def]
            _search_page(candidates, next(queries))

        results.append(SearchResult(scope, timed(one, runs=160, warmup=8), hits))
    return results
