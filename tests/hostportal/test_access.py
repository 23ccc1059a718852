"""The host role in the permission matrix, the host's forms, IDOR (another unit's submission is
404) and the access log: every host page read is logged with ids only."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.access_log import ACTION_LABELS, WHAT_LABELS
from core.models import AuditEntry
from hostportal.models import Submission
from programs.models import HostUnit
from tests.conftest import World
from tests.factories import CohortFactory, HostUnitFactory, OperatorFactory, ProgrammeFactory
from tests.hostportal.helpers import host_client
from tests.hostportal.matrix import HOST
from tests.test_permissions import url_names
from tests.urlmatrix import MATRIX

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def at_today():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


def test_every_host_url_has_a_status_for_the_host_role() -> None:
    names = {n for n in url_names() if n.split(":")[0] in {"hostportal", "hostreview"}}
    assert names == set(HOST)


@pytest.mark.usefixtures("at_today")
@pytest.mark.parametrize("name", sorted(HOST))
def test_the_host_gets_its_status(world: World, name: str) -> None:
    client = host_client(world.objects["host_unit"])
    url = reverse(name, kwargs=MATRIX[name].kwargs_for(world))
    assert client.get(url).status_code == HOST[name]


def test_a_host_reaches_no_staff_url_and_no_candidate_page(world: World) -> None:
    client = host_client(world.objects["host_unit"])
    for name, entry in MATRIX.items():
        if name.startswith("hostportal:") or name == "core:set_language":
            continue
        if entry.statuses["anon"] != 302:
            continue
        response = client.get(reverse(name, kwargs=entry.kwargs_for(world)))
        assert response.status_code == 302, name
        login = "portal:signin" if name.startswith("portal:") else "accounts:login"
        assert response["Location"].startswith(reverse(login)), name
    assert client.get("/admin/").status_code == 302


def test_another_units_submission_is_404(world: World) -> None:
    other = HostUnitFactory(operator=world.operator, contact_email="x@example.org")
    theirs = Submission.objects.create(
        host_unit=other,
        programme=world.objects["programme"],
        kind=Submission.Kind.NEED,
        title="Renholder",
        starts_on=datetime.date(2027, 3, 2),
    )
    client = host_client(world.objects["host_unit"])
    assert client.get(reverse("hostportal:submission", kwargs={"pk": theirs.pk})).status_code == 404
    mine = world.objects["host_submission"]
    assert client.get(reverse("hostportal:submission", kwargs={"pk": mine.pk})).status_code == 200


def test_another_operators_lead_cannot_review(world: World) -> None:
    url = reverse("hostreview:review", kwargs={"pk": world.objects["host_submission"].pk})
    assert world.client_for("other_lead").get(url).status_code == 404
    assert world.client_for("other_lead").post(url, {}).status_code == 404


@pytest.mark.usefixtures("at_today")
def test_a_host_reports_a_need_that_waits_as_pending(world: World) -> None:
    unit = world.objects["host_unit"]
    client = host_client(unit)
    cohort = world.objects["cohort"]
    response = client.post(
        reverse("hostportal:need_new"),
        {
            "cohort": cohort.pk,
            "title": "Elektriker",
            "occupation": "7411",
            "slots": "2",
            "starts_on": "2027-03-02",
            "norwegian_minimum": "B1",
            "languages": "ar, uk",
            "driving_licence_required": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    need = Submission.objects.get(title="Elektriker")
    assert need.status == Submission.Status.PENDING
    assert need.programme == cohort.programme and need.host_unit == unit
    assert need.occupation_id == "7411" and need.languages == ["ar", "uk"]
    assert need.driving_licence_required and need.norwegian_minimum == "B1"
    assert not need.position_id
    assert AuditEntry.objects.filter(action="hostportal.submission.created").exists()


@pytest.mark.usefixtures("at_today")
def test_bad_input_is_explained_and_nothing_is_saved(world: World) -> None:
    client = host_client(world.objects["host_unit"], HTTP_ACCEPT_LANGUAGE="en")
    before = Submission.objects.count()
    response = client.post(
        reverse("hostportal:need_new"),
        {"cohort": world.objects["cohort"].pk, "title": "", "slots": "0", "occupation": "zzz"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Choose an occupation from the list" in text
    assert Submission.objects.count() == before


@pytest.mark.usefixtures("at_today")
def test_a_host_cannot_choose_another_operators_cohort_or_network(world: World) -> None:
    foreign = CohortFactory(programme=ProgrammeFactory(operator=OperatorFactory()))
    foreign_network = ProgrammeFactory(operator=foreign.programme.operator, kind="network")
    client = host_client(world.objects["host_unit"])
    before = Submission.objects.count()
    client.post(
        reverse("hostportal:need_new"),
        {"cohort": foreign.pk, "title": "X", "slots": "1", "starts_on": "2027-03-02"},
    )
    client.post(
        reverse("hostportal:commitment_new"),
        {"programme": foreign_network.pk, "pledge": "3", "named_publicly": "True"},
    )
    assert Submission.objects.count() == before


@pytest.mark.usefixtures("at_today")
def test_an_employer_commits_and_opts_in_to_the_wall_of_fame(world: World) -> None:
    employer = HostUnitFactory(
        operator=world.operator, sector=HostUnit.Sector.PRIVATE, contact_email="hr@rema.example"
    )
    client = host_client(employer)
    response = client.post(
        reverse("hostportal:commitment_new"),
        {"programme": world.objects["network"].pk, "pledge": "3", "named_publicly": "True"},
    )
    assert response.status_code == 302
    commitment = Submission.objects.get(host_unit=employer)
    assert commitment.kind == Submission.Kind.COMMITMENT
    assert commitment.named_publicly and commitment.pledge == 3


@pytest.mark.usefixtures("at_today")
def test_every_page_read_is_in_the_access_log(world: World) -> None:
    unit = world.objects["host_unit"]
    client = host_client(unit)
    mine = world.objects["host_submission"]
    for url in (
        reverse("hostportal:home"),
        reverse("hostportal:need_new"),
        reverse("hostportal:submission", kwargs={"pk": mine.pk}),
    ):
        client.get(url)
    entries = AuditEntry.objects.filter(action="hostportal.viewed").order_by("pk")
    assert [e.data["what"] for e in entries] == ["home", "form_need", "submission"]
    assert all(e.data["host_unit"] == unit.pk and e.actor_id is None for e in entries)
    assert entries.last().data["submission"] == mine.pk  # type: ignore[union-attr]
    for entry in AuditEntry.objects.filter(action__startswith="hostportal."):
        assert entry.action in ACTION_LABELS
        assert entry.data.get("what", "home") in WHAT_LABELS


NASTY = ["", "\x00", "²", "-1", "99999999999999999999", "2027-02-30", "<script>", "x" * 5000]


@pytest.mark.usefixtures("at_today")
@pytest.mark.parametrize(
    "name", ["hostportal:need_new", "hostportal:opening_new", "hostportal:commitment_new"]
)
def test_hostile_input_on_the_host_forms_is_refused_without_an_error(
    world: World, name: str
) -> None:
    client = host_client(world.objects["host_unit"])
    fields = [
        "cohort", "programme", "title", "occupation", "slots", "starts_on", "ends_on", "pledge",
        "named_publicly", "languages", "work_municipality", "max_distance_km", "hours_per_week",
        "norwegian_minimum",
    ]  # fmt: skip
    before = Submission.objects.count()
    for value in NASTY:
        response = client.post(reverse(name), dict.fromkeys(fields, value))
        assert response.status_code == 200, (name, value)
    assert Submission.objects.count() == before
