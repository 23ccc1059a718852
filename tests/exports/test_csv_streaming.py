"""A national-size CSV (200,000 rows) streams with flat memory (PostgreSQL only)."""

import resource
import time
import tracemalloc

import pytest
from django.db import connection
from django.urls import reverse

from candidates.models import Candidate
from placements.models import Placement
from tests.conftest import World

from .helpers import D

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
ROWS = 200_000
PEAK_LIMIT_MB = 80


def bulk_rows(world: World, n: int) -> None:
    """n candidates with one placement each, inserted in bulk (no services: speed only)."""
    candidates = Candidate.objects.bulk_create(
        [
            Candidate(
                operator=world.operator,
                given_name=f"Navn{i}",
                family_name="Bulk",
                given_name_latin=f"Navn{i}",
                family_name_latin="Bulk",
            )
            for i in range(n)
        ],
        batch_size=5000,
    )
    Placement.objects.bulk_create(
        [
            Placement(
                candidate=c,
                programme=world.objects["programme"],
                host_unit=world.objects["host_unit"],
                starts_on=D(2027, 1, 4),
                planned_end=D(2027, 6, 30),
                supervisor=world.users["mentor"],
            )
            for c in candidates
        ],
        batch_size=5000,
    )
    # A deployed database has statistics (autovacuum); without them, rows bulk-inserted in the
    # test's own transaction look like an empty table and the planner picks nested loops.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE candidates_candidate, placements_placement")


def test_csv_of_200k_rows_streams_with_flat_memory(world: World) -> None:
    bulk_rows(world, ROWS)
    client = world.client_for("lead")
    url = reverse("reports:placements_csv")

    # Pass 1, untraced: throughput and first byte.
    started = time.perf_counter()
    response = client.get(url)
    assert response.streaming
    chunks = iter(response.streaming_content)
    first = next(chunks)
    first_byte = time.perf_counter() - started
    size, lines = len(first), first.count(b"\n")
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    assert lines >= ROWS + 1

    # Pass 2, traced: the peak of Python allocations while the whole body is consumed.
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    try:
        for _chunk in client.get(url).streaming_content:
            pass
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before

    print(
        f"\nCSV {lines - 1} rows, {size / 1e6:.1f} MB in {elapsed:.2f} s "
        f"({(lines - 1) / elapsed:,.0f} rows/s), first byte {first_byte * 1000:.0f} ms; "
        f"traced peak {peak / 2**20:.1f} MiB; max RSS growth {rss_growth / 1024:.1f} MiB"
    )
    assert peak < PEAK_LIMIT_MB * 2**20
