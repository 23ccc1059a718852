"""The documents demo: letterheads for the four operators and an issued attest and reference."""

import importlib

from candidates import demo as candidates_demo
from core import demo as core_demo
from core.models import AuditEntry
from programs import demo as programs_demo
from reports import demo as reports_demo
from reports.models import Document, DownloadLink, Letterhead


def demo_world(with_outcomes: bool) -> core_demo.DemoWorld:
    world = core_demo.DemoWorld()
    for seed in (core_demo.seed, programs_demo.seed, candidates_demo.seed):
        seed(world)
    if with_outcomes:
        # Completed placements come from the placements area's demo.
        importlib.import_module("stewardship.outcome_demo").seed(world)
    return world


def counts() -> tuple[int, ...]:
    return (
        Letterhead.objects.count(),
        Document.objects.count(),
        DownloadLink.objects.count(),
        AuditEntry.objects.count(),
    )


def test_demo_letterheads_and_documents_are_seeded_once(db) -> None:  # type: ignore[no-untyped-def]
    world = demo_world(with_outcomes=True)
    reports_demo.seed(world)
    first = counts()
    reports_demo.seed(world)
    assert counts() == first
    assert set(Letterhead.objects.values_list("operator__name", flat=True)) == {
        "Bærum kommune",
        "KIA Skien",
        "Voksenopplæringssenteret i Bærum",
        "Globale Bærum",
    }
    documents = Document.objects.filter(status=Document.Status.ISSUED)
    assert sorted(documents.values_list("kind", flat=True)) == ["attest", "reference"]
    assert len({d.placement_id for d in documents}) == 1
    assert all(d.placement.status == "completed" and d.sha256 for d in documents)


def test_demo_without_completed_placements_makes_only_letterheads(db) -> None:  # type: ignore[no-untyped-def]
    world = demo_world(with_outcomes=False)
    reports_demo.seed(world)
    assert Letterhead.objects.count() == 4
    assert not Document.objects.exists()
