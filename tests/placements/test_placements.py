import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from candidates import services as candidate_services
from candidates.models import Application
from core.models import Role
from mentors.models import Milestone, MilestoneTemplate
from placements import services
from placements.models import Placement
from tests.conftest import World
from tests.factories import CandidateFactory, MembershipFactory, UserFactory
from tests.privacy.helpers import history_queries
from tests.querybudget import assert_constant_queries

D = datetime.date


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def plan(world: World) -> None:
    programme = world.objects["programme"]
    MilestoneTemplate.objects.create(
        programme=programme,
        kind="follow_up",
        label="Oppfølging",
        offset_days=28,
        repeat_every_days=28,
    )
    MilestoneTemplate.objects.create(
        programme=programme, kind="mid_evaluation", label="Midtveis", anchor="mid"
    )
    MilestoneTemplate.objects.create(
        programme=programme, kind="attest", label="Attest", anchor="end", offset_days=14
    )


def new_placement(world: World, **extra):  # type: ignore[no-untyped-def]
    fields = {
        "candidate": CandidateFactory(operator=world.operator),
        "programme": world.objects["programme"],
        "cohort": world.objects["cohort"],
        "host_unit": world.objects["host_unit"],
        "starts_on": D(2027, 3, 2),
        "planned_end": D(2028, 3, 1),
        "by": world.users["lead"],
    }
    return services.placement_create(**{**fields, **extra})


def test_lifecycle_planned_active_completed(world: World) -> None:
    placement = new_placement(world)
    assert placement.status == Placement.Status.PLANNED
    with pytest.raises(ValidationError):
        services.placement_complete(placement=placement, by=world.users["lead"])
    services.placement_start(placement=placement, by=world.users["lead"])
    with time_machine.travel(datetime.datetime(2028, 3, 1, 12, tzinfo=datetime.UTC)):
        services.placement_complete(placement=placement, by=world.users["lead"])
    placement.refresh_from_db()
    assert placement.status == Placement.Status.COMPLETED and placement.actual_end == D(2028, 3, 1)


def test_end_early_needs_a_reason(world: World) -> None:
    placement = new_placement(world)
    with pytest.raises(ValidationError):
        services.placement_end_early(
            placement=placement, on=D(2027, 5, 1), reason=" ", by=world.users["lead"]
        )
    services.placement_end_early(
        placement=placement, on=D(2027, 5, 1), reason="Flyttet", by=world.users["lead"]
    )
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ENDED_EARLY
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(end_reason="")


def test_one_live_placement_per_candidate_and_cohort(world: World) -> None:
    placement = new_placement(world)
    with pytest.raises(ValidationError, match="already has a placement"):
        new_placement(world, candidate=placement.candidate)
    services.placement_end_early(
        placement=placement, on=D(2027, 4, 1), reason="Bytte", by=world.users["lead"]
    )
    assert new_placement(world, candidate=placement.candidate).pk


def test_dates_and_hours_are_constrained(world: World) -> None:
    with pytest.raises(ValidationError):
        new_placement(world, planned_end=D(2027, 3, 1))
    with pytest.raises(ValidationError):
        new_placement(world, hours_per_week=0)
    assert not Placement.objects.filter(hours_per_week=0).exists()


def test_supervisor_must_be_a_member_of_the_operator(world: World) -> None:
    stranger = UserFactory()
    with pytest.raises(ValidationError, match="member"):
        new_placement(world, supervisor=stranger)


def test_milestones_follow_the_plan_and_move_with_the_dates(world: World) -> None:
    plan(world)
    placement = new_placement(world)
    milestones = list(placement.milestones.order_by("due_on"))
    assert milestones[0].due_on == D(2027, 3, 30)  # first follow-up 28 days in
    attest = placement.milestones.get(kind="attest")
    assert attest.due_on == D(2028, 2, 16)
    first = milestones[0]
    first.done_on = D(2027, 3, 30)
    first.save()
    services.placement_extend(
        placement=placement, planned_end=D(2028, 6, 1), by=world.users["lead"]
    )
    attest.refresh_from_db()
    first.refresh_from_db()
    assert attest.due_on == D(2028, 5, 18)
    assert first.due_on == D(2027, 3, 30) and first.done_on == D(2027, 3, 30)
    # More follow-ups fit in the longer placement.
    assert placement.milestones.filter(kind="follow_up").count() > len(
        [m for m in milestones if m.kind == "follow_up"]
    )


def test_accepted_application_becomes_a_planned_placement(world: World) -> None:
    candidate = CandidateFactory(operator=world.operator)
    lead = world.users["lead"]
    application = candidate_services.application_create(
        candidate=candidate, position=world.objects["position"], by=lead
    )
    with pytest.raises(ValidationError, match="accepted"):
        services.placement_create_from_application(
            application=application, by=lead, planned_end=D(2028, 3, 1)
        )
    for stage in ("screened", "interview", "offered", "accepted"):
        candidate_services.application_move(application=application, to=stage, by=lead)
    placement = services.placement_create_from_application(
        application=application, by=lead, planned_end=D(2028, 3, 1)
    )
    assert placement.host_unit == world.objects["position"].host_unit
    assert placement.cohort == world.objects["cohort"] and placement.application == application


def test_nav_agreement_ending_before_the_placement_is_flagged(world: World) -> None:
    placement = world.objects["placement"]
    services.nav_agreement_set(
        placement=placement,
        reference="NAV-123",
        benefit="tiltakspenger",
        starts_on=D(2027, 3, 2),
        ends_on=D(2027, 12, 31),
        by=world.users["lead"],
    )
    page = world.client_for("coordinator").get(
        reverse("placements:detail", kwargs={"pk": placement.pk})
    )
    assert (
        "NAV agreement ends on" in page.content.decode() or "NAV-avtalen" in page.content.decode()
    )


def test_create_placement_from_application_page(world: World) -> None:
    application = world.objects["application"]
    Application.objects.filter(pk=application.pk).update(stage="accepted")
    client = world.client_for("coordinator")
    form = client.get(reverse("placements:create"), {"application": application.pk})
    assert form.status_code == 200
    candidate = world.objects["candidate"]
    services.placement_end_early(
        placement=world.objects["placement"],
        on=D(2027, 3, 3),
        reason="Ny plan",
        by=world.users["lead"],
    )
    response = client.post(
        reverse("placements:create"),
        {
            "application": application.pk,
            "candidate": candidate.pk,
            "programme": world.objects["programme"].pk,
            "cohort": world.objects["cohort"].pk,
            "host_unit": world.objects["host_unit"].pk,
            "starts_on": "2027-03-02",
            "planned_end": "2028-03-01",
            "hours_per_week": "37.5",
            "supervisor": world.users["mentor"].pk,
        },
    )
    assert response.status_code == 302
    assert Placement.objects.get(application=application).supervisor == world.users["mentor"]


def test_mentor_sees_the_placement_they_supervise_and_its_candidate(world: World) -> None:
    client = world.client_for("mentor")
    followed = world.objects["followed_placement"]
    assert client.get(reverse("placements:detail", kwargs={"pk": followed.pk})).status_code == 200
    assert (
        client.get(reverse("candidates:detail", kwargs={"pk": followed.candidate_id})).status_code
        == 200
    )
    listing = client.get(reverse("candidates:list")).content.decode()
    assert "Tesfay" in listing and "Haddad" not in listing


def test_a_new_mentor_must_accept_the_declaration_first(world: World) -> None:
    fresh = UserFactory()
    MembershipFactory(user=fresh, operator=world.operator, role=Role.SUPERVISOR)
    followed = world.objects["followed_placement"]
    Placement.objects.filter(pk=followed.pk).update(supervisor=fresh)
    client = world.client_for("lead")
    client.force_login(fresh)
    url = reverse("candidates:detail", kwargs={"pk": followed.candidate_id})
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("core:declaration")
    )
    client.post(reverse("core:declaration"), {"next": url})
    assert client.get(url).status_code == 200


def test_placement_list_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            new_placement(world, supervisor=world.users["mentor"])

    # user, page (candidate, host, programme, cohort and supervisor joined); no count
    # (core.pagination.UncountedPaginator); on PostgreSQL the page's joins planned in the written
    # order (core.queries.joins_in_written_order: a SET before, a RESET after)
    written_order = 2 if connection.vendor == "postgresql" else 0
    assert_constant_queries(
        world.client_for("coordinator"),
        reverse("placements:list"),
        add,
        expected=2 + written_order,
    )


def test_each_list_row_names_its_candidate_unit_programme_cohort_and_supervisor(
    world: World,
) -> None:
    mentor = world.users["mentor"]
    mentor.first_name, mentor.last_name = "Søren", "Ødegård"
    mentor.save()
    named = new_placement(
        world,
        candidate=CandidateFactory(
            operator=world.operator,
            given_name="Mohammad",
            preferred_name="Mo",
            family_name="Rahimi",
        ),
        supervisor=mentor,
    )
    bare = new_placement(
        world,
        candidate=CandidateFactory(
            operator=world.operator, given_name="Ана", preferred_name="", family_name="Смирнова"
        ),
        cohort=None,
        starts_on=D(2027, 2, 1),
    )
    page = world.client_for("coordinator").get(reverse("placements:list")).text
    pattern = r'(<tr>\s*<td><a href="/placements/(\d+)/".*?</tr>)'
    rows = {pk: row for row, pk in re.findall(pattern, page, re.S)}
    programme, cohort = world.objects["programme"].name, world.objects["cohort"].name
    unit = world.objects["host_unit"].name
    first, second = rows[str(named.pk)], rows[str(bare.pk)]
    assert '<bdi dir="auto">Mo Rahimi</bdi>' in first and f"<td>{unit}</td>" in first
    assert f"<td>{programme} · {cohort}</td>" in first and "<td>Søren Ødegård</td>" in first
    assert '<bdi dir="auto">Ана Смирнова</bdi>' in second and f"<td>{programme}</td>" in second
    assert "<td>–</td>" in second


def test_the_placement_list_plans_its_joins_in_the_written_order(world: World) -> None:
    """The join order is fixed for the page's query only, and the rows are the same."""
    if connection.vendor != "postgresql":
        pytest.skip("join_collapse_limit is a PostgreSQL setting")
    for _ in range(3):
        new_placement(world, supervisor=world.users["mentor"])
    client = world.client_for("coordinator")
    with CaptureQueriesContext(connection) as context:
        page = client.get(reverse("placements:list")).text
    statements = [q["sql"] for q in context.captured_queries]
    # (the change history may put its context in front of a statement: core history middleware)
    assert statements[-3].endswith("SET join_collapse_limit = 1")
    assert "placements_placement" in statements[-2]
    assert statements[-1].endswith("RESET join_collapse_limit")
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone()[0] == "8"
    for placement in Placement.objects.all():
        assert reverse("placements:detail", args=[placement.pk]) in page


def test_placement_detail_query_budget(world: World) -> None:
    plan(world)
    placement = new_placement(world)

    def add(n: int) -> None:
        for i in range(n):
            Milestone.objects.create(
                placement=placement, kind="other", label=f"M{i}", due_on=D(2027, 4, 1)
            )

    # user, placement (+joins), audit insert, NAV agreement,
    # milestones; on PostgreSQL the change history's count and page (history.selectors)
    assert_constant_queries(
        world.client_for("lead"),
        reverse("placements:detail", kwargs={"pk": placement.pk}),
        add,
        expected=5 + history_queries(),
    )


def test_a_malformed_application_id_is_no_server_error(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: "²" passes str.isdigit() but not int()."""
    client = world.client_for("coordinator")
    assert client.get(reverse("placements:create"), {"application": "²"}).status_code == 200
    assert client.post(reverse("placements:create"), {"application": "²"}).status_code == 200


def test_milestones_at_the_ends_of_the_calendar_are_no_server_error(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: a plan date before year 1 or after 9999
    raised OverflowError (a 500); such a date is simply not within the placement."""
    plan(world)
    MilestoneTemplate.objects.create(
        programme=world.objects["programme"], kind="follow_up", anchor="end", offset_days=3_000_000
    )
    late = new_placement(world, cohort=None, starts_on=D(9999, 12, 1), planned_end=D(9999, 12, 31))
    assert sorted(m.kind for m in late.milestones.all()) == [
        "attest",
        "follow_up",
        "mid_evaluation",
    ]
    early = new_placement(world, cohort=None, starts_on=D(1, 1, 1), planned_end=D(1, 3, 1))
    assert early.milestones.filter(kind="follow_up").count() == 2
