"""The access log: every read of a record, a document PDF, an evaluation or an export with names
writes exactly one audit entry; the lead reads their operator's log, filtered and paginated."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEntry, AuditSubject
from core.services import audit_access, audit_log
from reports import exports
from reports.models import Document
from tests.conftest import World
from tests.exports.helpers import add_placements, body_of
from tests.querybudget import assert_constant_queries

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def one_new_entry(world: World, role: str, url: str):  # type: ignore[no-untyped-def]
    """GET the URL as ``role``; exactly one audit entry is written, and it is returned."""
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = world.client_for(role).get(url)
    assert response.status_code == 200, (url, response.status_code)
    body_of(response)  # a streamed CSV is only built (and logged) as it is read
    new = AuditEntry.objects.exclude(pk__in=before)
    assert new.count() == 1, (url, list(new.values_list("action", "data")))
    entry = new.get()
    assert entry.actor == world.users[role] and entry.operator_id == world.operator.pk
    return entry


def read_of(world: World, role: str, url: str, candidate, what: str) -> None:  # type: ignore[no-untyped-def]
    entry = one_new_entry(world, role, url)
    assert (entry.action, entry.object_type) == (
        "candidates.candidate.viewed",
        "candidates.candidate",
    )
    assert entry.object_id == str(candidate.pk)
    assert entry.data == {"what": what}


def test_each_read_of_a_record_writes_exactly_one_entry(world: World) -> None:
    candidate, followed = world.objects["candidate"], world.objects["followed_candidate"]
    placement, followed_placement = world.objects["placement"], world.objects["followed_placement"]
    issued, draft = world.objects["doc_issued"], world.objects["doc_draft"]
    reads = [
        ("lead", reverse("candidates:detail", args=[candidate.pk]), candidate, "profile"),
        ("coordinator", reverse("candidates:edit", args=[candidate.pk]), candidate, "edit"),
        ("coordinator", reverse("placements:detail", args=[placement.pk]), candidate, "placement"),
        ("mentor", reverse("mentors:candidate_timeline", args=[followed.pk]), followed, "notes"),
        (
            "mentor",
            reverse("mentors:placement_timeline", args=[followed_placement.pk]),
            followed,
            "notes",
        ),
        (
            "coordinator",
            reverse("documents:placement_documents", args=[followed_placement.pk]),
            followed,
            "documents",
        ),
        ("coordinator", reverse("documents:detail", args=[draft.pk]), followed, "document_text"),
        ("coordinator", reverse("documents:download", args=[issued.pk]), followed, "document"),
        (
            "mentor",
            reverse("mentors:evaluation_compare", args=[world.objects["mid_milestone"].pk]),
            followed,
            "evaluation",
        ),
    ]
    for role, url, whose, what in reads:
        read_of(world, role, url, whose, what)


def test_the_edit_form_logs_its_read_but_a_save_logs_only_the_change(world: World) -> None:
    candidate = world.objects["candidate"]
    url = reverse("candidates:edit", args=[candidate.pk])
    before = AuditEntry.objects.count()
    world.client_for("coordinator").post(url, {"given_name": "Amal", "family_name": "Haddad"})
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))[before:]
    assert "candidates.candidate.viewed" not in actions


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_names_is_one_entry_naming_every_candidate(world: World, fmt: str) -> None:
    made = add_placements(world, 3, prefix="Eksport")
    entry = one_new_entry(world, "coordinator", reverse(f"reports:placements_{fmt}"))
    membership = world.users["coordinator"].memberships.get()
    expected = sorted({p.candidate_id for p in exports.placement_report(membership)})
    assert {p.candidate_id for p in made} <= set(expected)
    assert entry.action == "reports.export"
    assert entry.data["candidates"] == expected
    assert entry.data["format"] == fmt
    assert (
        sorted(AuditSubject.objects.filter(entry=entry).values_list("candidate_id", flat=True))
        == expected
    )


def test_a_huge_export_keeps_the_count_and_the_filter_instead(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("core.services.ACCESS_SUBJECT_LIMIT", 1)
    add_placements(world, 2, prefix="Mange")
    programme = world.objects["programme"].pk
    url = reverse("reports:placements_csv") + f"?programme={programme}&page=3"
    entry = one_new_entry(world, "coordinator", url)
    assert "candidates" not in entry.data
    assert entry.data["count"] == entry.data["rows"] > 1 and entry.data["filter"] == {
        "programme": str(programme)
    }
    assert not AuditSubject.objects.filter(entry=entry).exists()


def test_the_placement_pdf_holds_counts_only_and_names_no_candidate(world: World) -> None:
    entry = one_new_entry(world, "coordinator", reverse("reports:placements_pdf"))
    assert "candidates" not in entry.data and not AuditSubject.objects.filter(entry=entry).exists()


def test_a_zip_of_documents_is_one_entry_naming_their_candidates(world: World) -> None:
    job = world.objects["doc_batch"]
    entry = one_new_entry(world, "coordinator", reverse("documents:batch_download", args=[job.pk]))
    followed = world.objects["followed_candidate"].pk
    issued = Document.objects.filter(batches=job, status__in=Document.FINAL).count()
    assert entry.action == "reports.batch.downloaded"
    assert entry.data == {"what": "document", "documents": issued, "candidates": [followed]}
    assert list(
        AuditSubject.objects.filter(entry=entry).values_list("candidate_id", flat=True)
    ) == [followed]


# --- The lead's page --------------------------------------------------------------------------


def page_of(world: World, role: str = "lead", query: str = "") -> str:
    response = world.client_for(role, **EN).get(reverse("core:access_log") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_lead_reaches_the_log_from_the_navigation_and_the_candidate(world: World) -> None:
    candidate = world.objects["candidate"]
    detail = reverse("candidates:detail", args=[candidate.pk])
    link = f"{reverse('core:access_log')}?candidate={candidate.pk}"
    lead_page = world.client_for("lead", **EN).get(detail).content.decode()
    assert link in lead_page and f'href="{reverse("core:access_log")}"' in lead_page
    coordinator_page = world.client_for("coordinator", **EN).get(detail).content.decode()
    assert reverse("core:access_log") not in coordinator_page


def test_the_filters_find_reads_by_candidate_actor_action_and_date(world: World) -> None:
    candidate, followed = world.objects["candidate"], world.objects["followed_candidate"]
    lead, coordinator = world.users["lead"], world.users["coordinator"]
    with time_machine.travel(datetime.datetime(2025, 1, 15, 12, tzinfo=datetime.UTC), tick=False):
        old = audit_log(
            actor=coordinator, operator=world.operator, action="candidates.candidate.viewed",
            obj=candidate, data={"what": "profile"},
        )  # fmt: skip
    export = audit_access(
        actor=lead, operator=world.operator, action="reports.export",
        candidate_ids=[followed.pk, candidate.pk], data={"format": "csv"},
    )  # fmt: skip
    base = reverse("core:access_log")

    def shown(query: str) -> set[int]:
        response = world.client_for("lead", **EN).get(base + query)
        return {entry.pk for entry in response.context["page"]}

    about_candidate = shown(f"?candidate={candidate.pk}")
    assert {old.pk, export.pk} <= about_candidate
    assert all(
        e.object_id == str(candidate.pk)
        or e.pk == export.pk
        or e.data.get("candidate") == candidate.pk
        for e in AuditEntry.objects.filter(pk__in=about_candidate)
    )
    assert export.pk in shown(f"?candidate={followed.pk}") and old.pk not in shown(
        f"?candidate={followed.pk}"
    )
    assert shown(f"?actor={coordinator.pk}&action=candidates.candidate.viewed") == {old.pk}
    assert shown("?since=2025-01-01&until=2025-01-31") == {old.pk}
    assert old.pk not in shown("?since=2025-01-16")
    page = page_of(world, query=f"?candidate={followed.pk}")
    assert "Exported a report" in page and "format: csv" in page


def test_a_lead_sees_only_their_operators_log(world: World) -> None:
    candidate = world.objects["candidate"]
    world.client_for("coordinator").get(reverse("candidates:detail", args=[candidate.pk]))
    audit_log(actor=world.users["other_lead"], operator=world.other_operator, action="core.test")
    other = world.client_for("other_lead", **EN)
    shown = other.get(reverse("core:access_log")).context["page"]
    assert {e.operator_id for e in shown} == {world.other_operator.pk}
    about = other.get(reverse("core:access_log") + f"?candidate={candidate.pk}")
    assert response_rows(about) == 0
    # The other operator's people are not offered as "who".
    assert world.users["coordinator"] not in about.context["filter"].form.fields["actor"].queryset


def response_rows(response) -> int:  # type: ignore[no-untyped-def]
    return len(response.context["page"].object_list)


def test_the_log_page_is_paginated_and_its_query_count_is_constant(world: World) -> None:
    candidate = world.objects["candidate"]

    def add(n: int) -> None:
        for _ in range(n):
            audit_log(
                actor=world.users["coordinator"], operator=world.operator,
                action="candidates.candidate.viewed", obj=candidate, data={"what": "profile"},
            )  # fmt: skip

    # user (session and memberships cached); the "who" choices (members);
    # count; the page's entries with their actors joined
    assert_constant_queries(
        world.client_for("lead"), reverse("core:access_log"), add, expected=4, sizes=(3, 60)
    )
    page = page_of(world)
    assert "Page 1 of" in page
