"""The change history (django-pghistory): PostgreSQL triggers record every insert, update and
delete of candidates, placements, follow-up notes and documents, bulk updates included; the
candidate and placement pages show who changed which fields, with the national id masked."""

import datetime

import pghistory
import pytest
from django.urls import reverse

from candidates.models import Candidate
from history.models import CandidateEvent, DocumentEvent, FollowUpNoteEvent, PlacementEvent
from history.selectors import PAGE_SIZE
from mentors.models import FollowUpNote
from mentors.services import note_create
from placements.models import Placement
from placements.services import placement_extend
from reports.models import Document
from reports.services import document_update
from tests.conftest import World
from tests.querybudget import assert_constant_queries

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FNR_OLD, FNR_NEW = "15076500565", "01019012345"


def labels(model, pk: int) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        model.objects.filter(pgh_obj_id=pk).order_by("pgh_id").values_list("pgh_label", flat=True)
    )


@pytest.mark.postgres
def test_insert_update_and_delete_of_each_model_are_recorded(world: World) -> None:
    lead = world.users["lead"]
    candidate = world.objects["followed_candidate"]
    Candidate.objects.filter(pk=candidate.pk).update(phone="+47 400 00 000")
    placement = world.objects["followed_placement"]
    placement_extend(placement=placement, planned_end=datetime.date(2028, 6, 1), by=lead)
    note = note_create(
        candidate=candidate, placement=placement, author=lead,
        written_on=datetime.date(2026, 3, 12), kind="conversation", text="Første samtale.",
        confidential=False,
    )  # fmt: skip
    FollowUpNote.objects.filter(pk=note.pk).update(text="Rettet.")
    note_id = note.pk
    note.delete()
    draft = world.objects["doc_draft"]
    document_update(
        document=draft, membership=lead.memberships.get(), tasks="Arkiv, resepsjon og post."
    )
    assert labels(CandidateEvent, candidate.pk) == ["insert", "update"]
    assert labels(PlacementEvent, placement.pk)[-1] == "update"
    assert labels(FollowUpNoteEvent, note_id) == ["insert", "update", "delete"]
    assert labels(DocumentEvent, draft.pk) == ["insert", "update"]
    # The delete keeps the row as it was; the PDF bytes are never copied.
    assert FollowUpNoteEvent.objects.get(pgh_obj_id=note_id, pgh_label="delete").text == "Rettet."
    assert "pdf" not in {f.name for f in DocumentEvent._meta.fields}


@pytest.mark.postgres
def test_a_bulk_queryset_update_is_recorded_row_by_row(world: World) -> None:
    ids = list(Candidate.objects.filter(operator=world.operator).values_list("pk", flat=True))
    assert len(ids) > 1
    changed = Candidate.objects.filter(pk__in=ids).update(status=Candidate.Status.INACTIVE)
    events = CandidateEvent.objects.filter(pgh_label="update", status=Candidate.Status.INACTIVE)
    assert changed == len(ids)
    assert sorted(events.values_list("pgh_obj_id", flat=True)) == sorted(ids)


@pytest.mark.postgres
def test_a_save_that_changes_no_tracked_field_records_nothing(world: World) -> None:
    candidate = Candidate.objects.get(pk=world.objects["candidate"].pk)
    before = CandidateEvent.objects.count()
    candidate.save()  # only updated_at moves
    assert CandidateEvent.objects.count() == before


@pytest.mark.postgres
def test_a_change_through_a_page_records_the_user_id_and_path_only(world: World) -> None:
    placement = world.objects["placement"]
    url = reverse("placements:extend", args=[placement.pk])
    response = world.client_for("coordinator").post(url, {"planned_end": "2028-09-01"})
    assert response.status_code == 302
    event = PlacementEvent.objects.filter(pgh_obj_id=placement.pk).latest("pgh_id")
    assert event.planned_end == datetime.date(2028, 9, 1)
    assert event.pgh_context.metadata == {"user": world.users["coordinator"].pk, "url": url}


@pytest.mark.postgres
def test_the_candidate_page_shows_who_changed_which_field_with_the_id_masked(world: World) -> None:
    candidate = world.objects["candidate"]
    with pghistory.context(user=world.users["coordinator"].pk, url="/test/"):
        Candidate.objects.filter(pk=candidate.pk).update(national_id=FNR_OLD, email="a@example.org")
        Candidate.objects.filter(pk=candidate.pk).update(national_id=FNR_NEW)
    page = world.client_for("lead", **EN).get(reverse("candidates:detail", args=[candidate.pk]))
    html = page.content.decode()
    assert "Change history" in html
    assert FNR_OLD not in html and FNR_NEW not in html
    assert "150765*****" in html and "010190*****" in html
    [newest, *_] = page.context["changes"].object_list
    assert newest.actor == world.users["coordinator"]
    assert [(c.field, c.old, c.new) for c in newest.changes] == [
        ("national id", "150765*****", "010190*****")
    ]
    mentor_page = world.client_for("mentor", **EN).get(
        reverse("candidates:detail", args=[world.objects["followed_candidate"].pk])
    )
    assert "Change history" not in mentor_page.content.decode()


@pytest.mark.postgres
def test_the_placement_page_shows_its_history(world: World) -> None:
    placement = world.objects["placement"]
    placement_extend(
        placement=placement, planned_end=datetime.date(2028, 5, 2), by=world.users["lead"]
    )
    html = (
        world.client_for("coordinator", **EN)
        .get(reverse("placements:detail", args=[placement.pk]))
        .content.decode()
    )
    assert "Change history" in html and "planned end" in html and "→" in html


@pytest.mark.postgres
def test_the_history_is_paginated_and_costs_the_same_queries_however_long(world: World) -> None:
    candidate = world.objects["candidate"]
    coordinator = world.users["coordinator"].pk

    def change(n: int) -> None:
        with pghistory.context(user=coordinator, url="/test/"):
            for i in range(n):
                Candidate.objects.filter(pk=candidate.pk).update(phone=f"+47 {i:08d}")

    url = reverse("candidates:detail", args=[candidate.pk])
    # The page without history (see tests/candidates/test_views.py), plus the history's count,
    # its page of events with their context, and the users who made them.
    assert_constant_queries(world.client_for("lead"), url, change, expected=11, sizes=(3, 45))
    first = world.client_for("lead", **EN).get(url)
    assert len(first.context["changes"].object_list) == PAGE_SIZE
    assert "Older changes" in first.content.decode()
    last = world.client_for("lead", **EN).get(url + "?history=99")
    rows = last.context["changes"].object_list
    # The oldest event is the insert; the update after it still shows its difference.
    assert rows[-1].label == "Created" and rows[-2].changes


def test_without_postgresql_the_page_says_where_history_is_recorded(
    world: World, using_postgres: bool
) -> None:
    if using_postgres:
        pytest.skip("on PostgreSQL the history is shown")
    candidate = world.objects["candidate"]
    html = world.client_for("lead", **EN).get(reverse("candidates:detail", args=[candidate.pk]))
    assert "Change history is recorded on PostgreSQL." in html.content.decode()
    placement = world.client_for("lead", **EN).get(
        reverse("placements:detail", args=[world.objects["placement"].pk])
    )
    assert "Change history is recorded on PostgreSQL." in placement.content.decode()


def test_history_is_kept_out_of_the_apps_that_own_the_tables() -> None:
    """Triggers hang on proxies in the history app, so no migration lands in another app."""
    for model in (Candidate, Placement, FollowUpNote, Document):
        assert not getattr(model._meta, "triggers", [])
    for event_model in (CandidateEvent, PlacementEvent, FollowUpNoteEvent, DocumentEvent):
        tracked = event_model.pgh_tracked_model  # type: ignore[attr-defined]
        assert tracked._meta.proxy and tracked._meta.app_label == "history"
        assert {t.name for t in tracked._meta.triggers} == {
            "insert_insert",
            "update_update",
            "delete_delete",
        }
