"""Names: stored composed (NFC) on every write path, found by the usual spellings in any script,
and sorted in Norwegian alphabetical order on PostgreSQL wherever a list sorts by name."""

import unicodedata

import pytest
from django.urls import reverse

from candidates import imports
from candidates.models import Candidate
from candidates.selectors import (
    board_applications,
    candidates_for,
    display_name,
    full_name,
    search,
)
from candidates.services import candidate_create, candidate_update
from core.names import fold
from core.selectors import members_of
from tests.conftest import World
from tests.factories import ApplicationFactory, CandidateFactory, MembershipFactory, UserFactory


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


# --- Folding --------------------------------------------------------------------------------

SAME = [
    ("Åse", "Aase"),
    ("Søren", "Soeren"),
    ("Bærum", "Baerum"),
    ("José", "Jose"),
    (nfd("Åsheim"), "Åsheim"),
    ("Γιώργος", "ΓΙΩΡΓΟΣ"),  # tonos, case and final sigma
    ("أحمد", "احمد"),  # hamza above alef
    ("إبراهيم", "ابراهيم"),  # hamza below alef
    ("آمنة", "امنه"),  # madda, teh marbuta
    ("علی", "علي"),  # Persian yeh, Arabic yeh
    ("مصطفى", "مصطفي"),  # alef maksura
    ("کریم", "كريم"),  # Persian keheh, Arabic kaf
    ("مُحَمَّد", "محمد"),  # harakat
]


@pytest.mark.parametrize(("written", "typed"), SAME)
def test_the_usual_spellings_fold_together(written: str, typed: str) -> None:
    assert fold(written) == fold(typed)


def test_folding_keeps_different_names_apart() -> None:
    assert fold("Berg") != fold("Borg")
    assert fold("Åse") != fold("Ase")  # Å is Aa, not A


# --- NFC on every write path ------------------------------------------------------------------

NAMES = {"given_name": nfd("Åse Sølvi"), "family_name": nfd("Ærø-Müller")}


def assert_stored_nfc(candidate: Candidate) -> None:
    candidate.refresh_from_db()
    assert candidate.given_name == "Åse Sølvi" and is_nfc(candidate.given_name)
    assert candidate.family_name == "Ærø-Müller" and is_nfc(candidate.family_name)


def test_the_service_stores_names_composed(world: World) -> None:
    candidate = candidate_create(operator=world.operator, by=world.users["lead"], **NAMES)
    assert_stored_nfc(candidate)
    candidate_update(candidate=candidate, by=world.users["lead"], preferred_name=nfd("Åsa"))
    candidate.refresh_from_db()
    assert candidate.preferred_name == "Åsa" and is_nfc(candidate.preferred_name)


def test_the_form_stores_names_composed(world: World) -> None:
    client = world.client_for("coordinator")
    response = client.post(reverse("candidates:create"), NAMES)
    assert response.status_code == 302, response.content.decode()[:500]
    assert_stored_nfc(Candidate.objects.get(operator=world.operator, given_name="Åse Sølvi"))


def test_the_import_stores_names_composed(world: World) -> None:
    rows = [{imports.ROW_NUMBER: 2, **NAMES}]
    (candidate,) = imports.run_import(operator=world.operator, rows=rows, by=world.users["lead"])
    assert_stored_nfc(candidate)


def test_a_new_members_name_is_stored_composed(world: World) -> None:
    from core.services import membership_invite

    membership = membership_invite(
        operator=world.operator,
        email="ny@example.org",
        first_name=nfd("Øystein"),
        last_name=nfd("Åmås"),
        role="coordinator",
        by=world.users["lead"],
    )
    assert (membership.user.first_name, membership.user.last_name) == ("Øystein", "Åmås")


# --- Search (SQLite and PostgreSQL alike) -----------------------------------------------------

PEOPLE = [
    ("Åse", "Sørensen"),
    ("Γιώργος", "Παπαδόπουλος"),
    ("أحمد", "الخطيب"),
    ("علی", "کریمی"),
    ("فاطمة", "إبراهيم"),
    ("Aase", "Haugen"),
]
QUERIES = [
    ("aase", {"Åse", "Aase"}),
    ("Åse", {"Åse", "Aase"}),
    (nfd("Åse"), {"Åse", "Aase"}),
    ("soerensen", {"Åse"}),
    ("sorensen", {"Åse"}),
    ("Γιωργος", {"Γιώργος"}),
    ("παπαδοπουλος", {"Γιώργος"}),
    ("احمد", {"أحمد"}),
    ("علي", {"علی"}),
    ("كريمي", {"علی"}),
    ("فاطمه", {"فاطمة"}),
    ("ابراهيم", {"فاطمة"}),
    ("giorgos", {"Γιώργος"}),
]


@pytest.fixture
def people(world: World) -> None:
    for given, family in PEOPLE:
        candidate_create(
            operator=world.operator, by=world.users["lead"], given_name=given, family_name=family
        )


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_search_finds_the_usual_spellings(
    world: World, people: None, query: str, expected: set[str]
) -> None:
    scope = candidates_for(world.users["lead"].memberships.get())
    found = set(search(scope, query).values_list("given_name", flat=True))
    assert found == expected


def test_the_list_page_searches_the_same_way(world: World, people: None) -> None:
    page = world.client_for("coordinator").get(reverse("candidates:list"), {"q": "Soeren"})
    assert "Sørensen" in page.content.decode()


# --- Norwegian order on PostgreSQL -------------------------------------------------------------

FAMILIES = ["Aasen", "Zahl", "Ødegård", "Ærø", "Berg", "Åsheim"]
NORWEGIAN = ["Berg", "Zahl", "Ærø", "Ødegård", "Aasen", "Åsheim"]


@pytest.mark.postgres
def test_the_selection_board_sorts_in_norwegian_order(world: World) -> None:
    cohort = world.objects["cohort"]
    for family in FAMILIES:
        candidate = CandidateFactory(operator=world.operator, family_name=family, given_name="X")
        ApplicationFactory(candidate=candidate, cohort=cohort)
    board = board_applications(cohort=cohort).filter(candidate__given_name="X")
    assert [a.candidate.family_name for a in board] == NORWEGIAN


@pytest.mark.postgres
def test_the_member_list_sorts_in_norwegian_order(world: World) -> None:
    for family in FAMILIES:
        MembershipFactory(
            user=UserFactory(last_name=family, first_name="X"), operator=world.operator
        )
    members = members_of(operator=world.operator).filter(user__first_name="X")
    assert [m.user.last_name for m in members] == NORWEGIAN


@pytest.mark.postgres
def test_the_default_candidate_order_is_norwegian(world: World) -> None:
    for family in FAMILIES:
        CandidateFactory(operator=world.operator, family_name=family, given_name="X")
    names = Candidate.objects.filter(given_name="X").values_list("family_name", flat=True)
    assert list(names) == NORWEGIAN


# --- The display name computed in the query ----------------------------------------------------


@pytest.mark.django_db
def test_the_names_in_the_query_are_the_models_names() -> None:
    people = [
        CandidateFactory(given_name="Amina", preferred_name="", family_name="Hassan"),
        CandidateFactory(given_name="Mohammad", preferred_name="Mo", family_name="Rahimi"),
        CandidateFactory(given_name="Ана", preferred_name="", family_name="Смирнова"),
        CandidateFactory(given_name="محمد", preferred_name="", family_name="حسن"),
    ]
    rows = Candidate.objects.filter(pk__in=[c.pk for c in people]).annotate(
        shown=display_name(), registered=full_name()
    )
    named = {c.pk: (c.shown, c.registered) for c in rows}
    assert named == {c.pk: (c.display_name, c.full_name) for c in people}
    assert named[people[1].pk] == ("Mo Rahimi", "Mohammad Rahimi")
