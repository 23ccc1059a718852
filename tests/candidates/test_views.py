import datetime

import pytest
from django.urls import reverse

from candidates.demo import synthetic_fnr
from candidates.models import Application, Candidate
from candidates.selectors import can_see_sensitive, candidates_for, name_order
from core.models import AuditEntry
from tests.conftest import World
from tests.factories import ApplicationFactory, CandidateFactory
from tests.privacy.helpers import history_queries
from tests.querybudget import assert_constant_queries

FNR = next(f for i in range(400, 500) if (f := synthetic_fnr(datetime.date(1988, 2, 3), i)))


def url(name: str, **kwargs: object) -> str:
    return reverse(f"candidates:{name}", kwargs=kwargs or None)


def test_candidate_list_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for candidate in CandidateFactory.create_batch(
            n, operator=world.operator, profession_id="2512"
        ):
            ApplicationFactory(candidate=candidate, cohort=world.objects["cohort"])

    # user, page (profession joined, open applications counted in
    # a subquery); no COUNT: the list is paginated without a total (core.pagination)
    assert_constant_queries(world.client_for("coordinator"), url("list"), add, expected=2)


@pytest.mark.parametrize(("language", "name"), [("nb", "Sverige"), ("en", "Sweden")])
def test_the_list_names_each_nationality_in_the_page_language(
    world: World, language: str, name: str
) -> None:
    CandidateFactory(operator=world.operator, family_name="Ålund", nationality="SE")
    CandidateFactory(operator=world.operator, family_name="Åberg", nationality="")
    client = world.client_for("coordinator", HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    page = client.get(url("list"), {"q": "Ålund"}).text
    assert name in page
    assert client.get(url("list"), {"q": "Åberg"}).status_code == 200


def test_candidate_detail_query_budget(world: World) -> None:
    candidate = world.objects["candidate"]

    def add(n: int) -> None:
        for _ in range(n):
            ApplicationFactory(
                candidate=candidate,
                position=None,
                cohort=world.objects["cohort"].programme.cohorts.create(
                    name=f"Kull {Application.objects.count()}",
                    starts_on=datetime.date(2027, 3, 2),
                    ends_on=datetime.date(2028, 3, 1),
                    capacity=1,
                ),
            )

    # user, candidate, audit insert, placements (+joins),
    # applications, history, consents, requests for access or erasure (+ users); on PostgreSQL
    # the change history's count and page
    assert_constant_queries(
        world.client_for("lead"),
        url("detail", pk=candidate.pk),
        add,
        expected=8 + history_queries(),
    )


def test_board_query_budget(world: World) -> None:
    cohort = world.objects["cohort"]

    def add(n: int) -> None:
        ApplicationFactory.create_batch(n, candidate__operator=world.operator, cohort=cohort)

    # user, cohort, applications with candidates
    assert_constant_queries(
        world.client_for("lead"), url("cohort_board", pk=cohort.pk), add, expected=3
    )


def test_every_read_of_a_record_is_logged_once(world: World) -> None:
    candidate = world.objects["candidate"]
    world.client_for("coordinator").get(url("detail", pk=candidate.pk))
    entries = AuditEntry.objects.filter(
        action="candidates.candidate.viewed", object_id=candidate.pk
    )
    assert entries.count() == 1
    assert entries.get().actor == world.users["coordinator"]


def test_national_id_is_masked_on_the_page_and_revealed_only_to_a_lead(world: World) -> None:
    candidate = world.objects["candidate"]
    Candidate.objects.filter(pk=candidate.pk).update(national_id=FNR, national_id_kind="fnr")
    page = world.client_for("coordinator").get(url("detail", pk=candidate.pk)).content.decode()
    assert FNR not in page and FNR[:6] + "*****" in page
    assert (
        world.client_for("coordinator").post(url("reveal_id", pk=candidate.pk)).status_code == 403
    )
    revealed = world.client_for("lead").post(url("reveal_id", pk=candidate.pk)).content.decode()
    assert FNR in revealed
    assert AuditEntry.objects.filter(action="candidates.national_id.revealed").count() == 1


def test_search_by_id_is_a_post_and_finds_the_candidate(world: World) -> None:
    candidate = world.objects["candidate"]
    Candidate.objects.filter(pk=candidate.pk).update(national_id=FNR, national_id_kind="fnr")
    response = world.client_for("coordinator").post(url("find"), {"national_id": FNR})
    assert response["Location"] == url("detail", pk=candidate.pk)
    assert FNR not in response["Location"]


def test_search_by_name_in_its_own_script_or_latin(world: World) -> None:
    CandidateFactory(
        operator=world.operator,
        given_name="ተስፋይ",
        family_name="ሃይለ",
        search_name="ተስፋይ ሃይለ tesfay hayle",
    )
    client = world.client_for("coordinator")
    assert "ተስፋይ" in client.get(url("list"), {"q": "tesfay"}).content.decode()
    assert "ተስፋይ" in client.get(url("list"), {"q": "ሃይለ"}).content.decode()
    assert "ተስፋይ" not in client.get(url("list"), {"q": "olena"}).content.decode()


def test_create_with_a_bad_id_shows_the_problem_in_bokmal_and_saves_nothing(world: World) -> None:
    response = world.client_for("coordinator").post(
        url("create"),
        {
            "given_name": "Ny",
            "family_name": "Kandidat",
            "national_id": "12345678901",
        },
    )
    assert response.status_code == 200
    assert not Candidate.objects.filter(family_name="Kandidat").exists()
    assert "12345678901" not in response.content.decode().split('name="national_id"')[0]


def test_create_candidate_through_the_page(world: World) -> None:
    response = world.client_for("coordinator").post(
        url("create"),
        {
            "given_name": "محمد",
            "family_name": "الحسن",
            "given_name_latin": "Mohammad",
            "family_name_latin": "Al-Hasan",
            "national_id": FNR,
            "nationality": "SY",
            "norwegian_level": "B1",
            "other_languages": ["ar", "en"],
            "profession": "2512",
        },
    )
    candidate = Candidate.objects.get(family_name="الحسن")
    assert response["Location"] == url("detail", pk=candidate.pk)
    assert candidate.national_id == FNR and candidate.profession_id == "2512"
    assert candidate.other_languages == ["ar", "en"]


def test_board_bulk_move_without_javascript(world: World) -> None:
    cohort = world.objects["cohort"]
    apps = ApplicationFactory.create_batch(3, candidate__operator=world.operator, cohort=cohort)
    response = world.client_for("lead").post(
        url("board_bulk_move"),
        {
            "applications": [a.pk for a in apps],
            "stage": "screened",
            "next": url("cohort_board", pk=cohort.pk),
        },
    )
    assert response["Location"] == url("cohort_board", pk=cohort.pk)
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in apps]).values_list("stage", flat=True)
    ) == {"screened"}


def test_bulk_move_cannot_touch_another_operators_applications(world: World) -> None:
    foreign = ApplicationFactory(
        candidate=CandidateFactory(operator=world.other_operator), cohort=world.objects["cohort"]
    )
    world.client_for("lead").post(
        url("board_bulk_move"), {"applications": [foreign.pk], "stage": "screened"}
    )
    foreign.refresh_from_db()
    assert foreign.stage == "applied"


def test_mentor_cannot_reach_a_candidate_who_is_not_theirs(world: World) -> None:
    client = world.client_for("mentor")
    assert client.get(url("detail", pk=world.objects["candidate"].pk)).status_code == 404
    assert "Haddad" not in client.get(url("list")).content.decode()
    assert "Haddad" not in client.get(url("list"), {"q": "haddad"}).content.decode()


def test_mentor_sees_no_national_id_or_nav_data_even_for_their_own(world: World) -> None:
    assert not can_see_sensitive(world.users["mentor"].memberships.get())
    assert can_see_sensitive(world.users["coordinator"].memberships.get())


@pytest.mark.postgres
def test_norwegian_alphabetical_order_on_postgres(world: World) -> None:
    for family in ["Aasen", "Zahl", "Ødegård", "Ærø", "Berg", "Åsheim"]:
        CandidateFactory(operator=world.operator, family_name=family, given_name="X")
    names = list(
        candidates_for(world.users["lead"].memberships.get())
        .filter(given_name="X")
        .order_by(*name_order())
        .values_list("family_name", flat=True)
    )
    assert names == ["Berg", "Zahl", "Ærø", "Ødegård", "Aasen", "Åsheim"]


@pytest.mark.parametrize("name", ["application_move", "board_bulk_move"])
def test_a_next_that_is_no_url_still_redirects(world: World, name: str) -> None:
    """Found by tests/security/test_form_fuzzing.py: redirect() took "abc def" for a view name
    and raised NoReverseMatch (a 500); now a ``next`` is only ever used as a URL."""
    application = world.objects["application"]
    target = url(name, pk=application.pk) if name == "application_move" else url(name)
    data = {"applications": [application.pk], "stage": "screened", "next": "abc def"}
    response = world.client_for("lead").post(target, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == "screened"
