import datetime

from django.urls import reverse

from programs.models import Cohort, FundingShare, HostUnit, JobOpening, Position, Programme
from tests.conftest import World
from tests.factories import (
    CohortFactory,
    CommitmentFactory,
    HostUnitFactory,
    PositionFactory,
    ProgrammeFactory,
)
from tests.querybudget import assert_constant_queries


def url(name: str, **kwargs: object) -> str:
    return reverse(f"programs:{name}", kwargs=kwargs or None)


# --- Query budgets: the count is the same with 3 and with 30 rows. --------------------------


def test_programme_list_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            programme = ProgrammeFactory(operator=world.operator)
            CohortFactory(programme=programme)
            PositionFactory.create_batch(2, programme=programme)

    # user, count, page of programmes (figures as
    # subqueries)
    assert_constant_queries(world.client_for("lead"), url("programme_list"), add, expected=3)


def test_programme_detail_query_budget(world: World) -> None:
    programme = world.objects["network"]

    def add(n: int) -> None:
        for _ in range(n):
            cohort = CohortFactory(programme=programme)
            commitment = CommitmentFactory(programme=programme)
            PositionFactory(
                programme=programme, cohort=cohort, host_unit=commitment.employer, status="filled"
            )
            JobOpening.objects.create(
                programme=programme,
                employer=commitment.employer,
                title="Butikkmedarbeider",
                starts_on=cohort.starts_on,
            )

    # user, programme (+figures), position count, position page,
    # cohorts, partners, funding, commitments, wall of fame, job openings (+ employer)
    assert_constant_queries(
        world.client_for("lead"), url("programme_detail", pk=programme.pk), add, expected=10
    )


def test_cohort_detail_query_budget(world: World) -> None:
    cohort = world.objects["cohort"]

    def add(n: int) -> None:
        PositionFactory.create_batch(n, programme=cohort.programme, cohort=cohort)

    # user, cohort (+programme, figures), count, positions page
    assert_constant_queries(
        world.client_for("coordinator"), url("cohort_detail", pk=cohort.pk), add, expected=4
    )


def test_hostunit_list_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            PositionFactory(
                programme=world.objects["programme"],
                host_unit=HostUnitFactory(operator=world.operator),
            )

    # user, count, page of units (+municipality, figures)
    assert_constant_queries(world.client_for("coordinator"), url("hostunit_list"), add, expected=3)


def test_hostunit_detail_query_budget(world: World) -> None:
    unit = world.objects["host_unit"]

    def add(n: int) -> None:
        PositionFactory.create_batch(n, programme=world.objects["programme"], host_unit=unit)

    # user, unit (+figures), count, positions page
    assert_constant_queries(
        world.client_for("lead"), url("hostunit_detail", pk=unit.pk), add, expected=4
    )


# --- Scope: partners and other operators. ----------------------------------------------------


def test_partner_sees_only_programmes_their_organisation_is_partner_in(world: World) -> None:
    ProgrammeFactory(operator=world.operator, name="Uten NAV")
    page = world.client_for("partner").get(url("programme_list")).content.decode()
    assert "Traineeprogram Testby" in page and "Uten NAV" not in page


def test_partner_gets_404_for_a_programme_they_are_not_partner_in(world: World) -> None:
    response = world.client_for("partner").get(
        url("programme_detail", pk=world.objects["network"].pk)
    )
    assert response.status_code == 404


def test_lists_never_show_another_operators_rows(world: World) -> None:
    ProgrammeFactory(operator=world.other_operator, name="Annenby-programmet")
    HostUnitFactory(operator=world.other_operator, name="Annenby-enheten")
    assert (
        "Annenby-programmet"
        not in world.client_for("lead").get(url("programme_list")).content.decode()
    )
    assert (
        "Annenby-enheten" not in world.client_for("lead").get(url("hostunit_list")).content.decode()
    )


# --- Forms: bad input gives a message and saves nothing. -------------------------------------


def test_create_programme_through_the_page(world: World) -> None:
    response = world.client_for("lead").post(
        url("programme_create"),
        {
            "name": "Nytt program",
            "kind": "praksis",
            "starts_on": "2027-01-04",
            "ends_on": "2027-12-17",
            "partners": [world.partner_org.pk],
        },
    )
    programme = Programme.objects.get(name="Nytt program")
    assert response.status_code == 302 and response["Location"] == url(
        "programme_detail", pk=programme.pk
    )
    assert list(programme.partners.all()) == [world.partner_org]


def test_programme_with_end_before_start_shows_the_error_in_bokmal(world: World) -> None:
    response = world.client_for("lead").post(
        url("programme_create"),
        {
            "name": "Baklengs",
            "kind": "praksis",
            "starts_on": "2027-06-01",
            "ends_on": "2027-01-01",
        },
    )
    assert response.status_code == 200
    assert "Sluttdatoen må være etter startdatoen." in response.content.decode()
    assert not Programme.objects.filter(name="Baklengs").exists()


def test_funding_page_rejects_shares_not_summing_to_100(world: World) -> None:
    programme = world.objects["programme"]
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-party": world.operator.pk,
        "form-0-percent": "50",
        "form-1-party": world.partner_org.pk,
        "form-1-percent": "40",
    }
    response = world.client_for("lead").post(url("programme_funding", pk=programme.pk), data)
    assert response.status_code == 200
    assert "100 prosent" in response.content.decode()
    assert not FundingShare.objects.filter(programme=programme).exists()
    data["form-1-percent"] = "50"
    response = world.client_for("lead").post(url("programme_funding", pk=programme.pk), data)
    assert response.status_code == 302
    assert FundingShare.objects.filter(programme=programme).count() == 2


def test_trainee_cohort_created_without_end_runs_twelve_months(world: World) -> None:
    programme = world.objects["programme"]
    response = world.client_for("lead").post(
        url("cohort_create", pk=programme.pk),
        {"name": "Kull 2029", "starts_on": "2029-03-02", "capacity": "5"},
    )
    assert response.status_code == 302
    assert Cohort.objects.get(name="Kull 2029").ends_on == datetime.date(2030, 3, 1)


def test_negative_capacity_is_refused_with_a_message(world: World) -> None:
    programme = world.objects["programme"]
    response = world.client_for("lead").post(
        url("cohort_create", pk=programme.pk),
        {"name": "Minus", "starts_on": "2029-03-02", "capacity": "-1"},
    )
    assert response.status_code == 200
    assert not Cohort.objects.filter(name="Minus").exists()


def test_position_created_with_styrk_code_picked_by_code_or_name(world: World) -> None:
    programme = world.objects["programme"]
    client = world.client_for("coordinator")
    options = client.get(url("occupation_search"), {"occupation": "programvare"}).content.decode()
    assert "2512 Programvareutviklere" in options
    response = client.post(
        url("position_create", pk=programme.pk),
        {
            "host_unit": world.objects["host_unit"].pk,
            "title": "Utvikler",
            "occupation": "2512 Programvareutviklere",
            "slots": "2",
            "starts_on": "2027-03-02",
        },
    )
    assert response.status_code == 302
    position = Position.objects.get(title="Utvikler")
    assert position.occupation_id == "2512" and position.status == Position.Status.DRAFT


def test_unknown_styrk_code_gives_a_message(world: World) -> None:
    response = world.client_for("coordinator").post(
        url("position_create", pk=world.objects["programme"].pk),
        {
            "host_unit": world.objects["host_unit"].pk,
            "title": "Ukjent",
            "occupation": "9999",
            "slots": "1",
            "starts_on": "2027-03-02",
        },
    )
    assert response.status_code == 200
    assert "STYRK-08" in response.content.decode()
    assert not Position.objects.filter(title="Ukjent").exists()


def test_position_status_change_inline_with_htmx(world: World) -> None:
    position = world.objects["position"]
    response = world.client_for("coordinator").post(
        url("position_status", pk=position.pk), {"status": "filled"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert f'id="position-{position.pk}"' in response.content.decode()
    position.refresh_from_db()
    assert position.status == Position.Status.FILLED


def test_invalid_transition_is_reported_not_applied(world: World) -> None:
    position = world.objects["position"]
    Position.objects.filter(pk=position.pk).update(status="draft")
    response = world.client_for("coordinator").post(
        url("position_status", pk=position.pk), {"status": "filled"}, follow=True
    )
    assert "kan ikke bli" in response.content.decode()
    position.refresh_from_db()
    assert position.status == Position.Status.DRAFT


def test_post_to_another_operators_position_is_404_and_changes_nothing(world: World) -> None:
    position = world.objects["position"]
    response = world.client_for("other_lead").post(
        url("position_status", pk=position.pk), {"status": "closed"}
    )
    assert response.status_code == 404
    position.refresh_from_db()
    assert position.status == Position.Status.OPEN


def test_host_unit_with_bad_org_number_is_refused(world: World) -> None:
    response = world.client_for("coordinator").post(
        url("hostunit_create"),
        {
            "name": "Feil AS",
            "sector": "private",
            "org_number": "123 456 789",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "ikke et gyldig norsk organisasjonsnummer" in response.content.decode()
    assert not HostUnit.objects.filter(name="Feil AS").exists()


def test_list_filter_answers_htmx_with_the_results_only(world: World) -> None:
    response = world.client_for("lead").get(
        url("programme_list"), {"kind": "network"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "Jobbnettverk" in body and "Traineeprogram Testby" not in body


def test_position_status_with_a_next_that_is_no_url_redirects(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: redirect() took "abc def" for a view name
    and raised NoReverseMatch (a 500)."""
    position = world.objects["position"]
    response = world.client_for("coordinator").post(
        url("position_status", pk=position.pk), {"status": "filled", "next": "abc def"}
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.status == Position.Status.FILLED


def test_trainee_cohort_starting_in_year_9999_must_be_given_an_end(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: the default end (a year later) does not
    exist in year 10000, which was a 500."""
    programme = world.objects["programme"]
    response = world.client_for("lead").post(
        url("cohort_create", pk=programme.pk),
        {"name": "Kull 9999", "starts_on": "9999-06-01", "capacity": "5"},
    )
    assert response.status_code == 200 and "ends_on" in response.context["form"].errors
    assert not Cohort.objects.filter(name="Kull 9999").exists()


def test_a_nul_byte_in_an_occupation_is_refused_not_a_server_error(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py on PostgreSQL, which refuses a NUL byte in a
    text comparison: the occupation lookup was a 500."""
    client = world.client_for("lead")
    response = client.get(url("occupation_search"), {"occupation": "pro\x00"})
    assert response.status_code == 200
    position = world.objects["position"]
    response = client.post(
        url("position_edit", pk=position.pk),
        {"host_unit": position.host_unit_id, "title": "T", "slots": "1", "occupation": "\x00"},
    )
    assert response.status_code == 200 and "occupation" in response.context["form"].errors
