"""The funder report: figures per programme and period, small cells hidden from partners."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from placements.models import Outcome
from placements.services import placement_complete, placement_create, placement_start
from placements.services.outcomes import outcome_record
from programs.models import FundingShare, OutcomeKind
from reports import exports
from tests.conftest import World
from tests.factories import CandidateFactory, ProgrammeFactory
from tests.querybudget import assert_constant_queries

from .helpers import D, body_of, parse_xlsx, pdf_text

pytestmark = pytest.mark.django_db


def people(world: World, programme, n: int, *, gender: str, country: str, prefix: str):  # type: ignore[no-untyped-def]
    """``n`` participants of ``programme`` who completed and got a permanent job in their field."""
    lead = world.users["lead"]
    for i in range(n):
        candidate = CandidateFactory(
            operator=world.operator,
            given_name=f"{prefix}{i}",
            family_name="Zyxwa",
            gender=gender,
            country_of_birth=country,
        )
        placement = placement_create(
            candidate=candidate,
            programme=programme,
            host_unit=world.objects["host_unit"],
            starts_on=D(2025, 1, 6),
            planned_end=D(2025, 6, 30),
            by=lead,
        )
        placement_start(placement=placement, by=lead)
        placement_complete(placement=placement, by=lead, on=D(2025, 6, 30))
        outcome_record(
            candidate=candidate,
            programme=programme,
            placement=placement,
            checkpoint=Outcome.Checkpoint.EXIT,
            kind=OutcomeKind.PERMANENT_IN_FIELD,
            recorded_on=D(2025, 6, 30),
            by=lead,
        )


@pytest.fixture
def small_programme(world: World):  # type: ignore[no-untyped-def]
    """3 women from Eritrea and 6 men from Syria; NAV Testby is a partner and pays half."""
    programme = ProgrammeFactory(operator=world.operator, name="Praksis 2025", kind="praksis")
    programme.partners.add(world.partner_org)
    FundingShare.objects.create(programme=programme, party=world.partner_org, percent=50)
    FundingShare.objects.create(programme=programme, party=world.operator, percent=50)
    people(world, programme, 3, gender="female", country="ER", prefix="Kvinne")
    people(world, programme, 6, gender="male", country="SY", prefix="Mann")
    return programme


def figure(rows, label: str) -> str:  # type: ignore[no-untyped-def]
    [row] = [r for r in rows if r.label == label]
    return str(row.cells[0])


def test_suppression_hides_small_cells_for_partners_only(world: World, small_programme) -> None:  # type: ignore[no-untyped-def]
    partner = world.users["partner"].memberships.get()
    lead = world.users["lead"].memberships.get()
    hidden = exports.funder_report(small_programme, partner)
    shown = exports.funder_report(small_programme, lead)
    assert figure(shown.by_gender, "Female") == "3"
    assert figure(shown.by_gender, "Male") == "6"
    assert figure(hidden.by_gender, "Female") == "<5"
    # Zeros are hidden too, so 6 can stay visible: 9 − 6 = 3 could be any of the hidden cells.
    assert figure(hidden.by_gender, "Male") == "6"
    assert figure(hidden.headline, "Participants") == "9"
    assert figure(shown.by_region, "Africa") == "3" and figure(shown.by_region, "Asia") == "6"
    assert figure(hidden.by_region, "Africa") == "<5"


def test_suppression_function() -> None:
    cells = exports.suppress_small_cells([3, 10, 12], active=True)
    assert [str(c) for c in cells] == ["<5", "<5", "12"], "a lone hidden cell takes the next"
    assert [str(c) for c in exports.suppress_small_cells([3, 10], active=False)] == ["3", "10"]
    assert [str(c) for c in exports.suppress_small_cells([5, 0, 1], active=True)] == [
        "5",
        "<5",
        "<5",
    ]


@pytest.mark.parametrize(
    ("code", "region"),
    [("ER", "africa"), ("SY", "asia"), ("UA", "europe"), ("CO", "americas"), ("FJ", "oceania")]
    + [("", "unknown"), ("AQ", "unknown"), (None, "unknown"), ("pl", "europe")],
)
def test_region_of(code, region) -> None:  # type: ignore[no-untyped-def]
    assert exports.region_of(code) == region


def test_partner_sees_aggregates_without_names_in_every_format(  # type: ignore[no-untyped-def]
    world: World, small_programme, tmp_path
) -> None:
    client = world.client_for("partner")
    pk = small_programme.pk
    page = client.get(reverse("reports:funder", kwargs={"pk": pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "&lt;5" in html or "færre enn 5" in html
    sheet = parse_xlsx(client.get(reverse("reports:funder_xlsx", kwargs={"pk": pk})))
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    text = pdf_text(client.get(reverse("reports:funder_pdf", kwargs={"pk": pk})), tmp_path)
    for body in (html, " ".join(cells), text):
        assert "Kvinne0" not in body and "Mann0" not in body and "Zyxwa" not in body
        assert "Amal" not in body and "Haddad" not in body
    assert "<5" in cells or "færre enn 5" in cells
    assert "9" in cells  # participants
    assert "<5" in text or "færre enn 5" in text


def test_lead_sees_exact_figures_in_xlsx_and_pdf(world: World, small_programme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("lead")
    pk = small_programme.pk
    sheet = parse_xlsx(client.get(reverse("reports:funder_xlsx", kwargs={"pk": pk})))
    rows = [r for r in sheet.iter_rows(values_only=True) if r]
    numbers = {r[0]: r[1] for r in rows if len(r) > 1 and r[0]}
    assert 3 in {numbers.get("Female"), numbers.get("Kvinne")}
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    text = pdf_text(client.get(reverse("reports:funder_pdf", kwargs={"pk": pk})), tmp_path)
    assert "<5" not in text and "færre enn 5" not in text


def test_period_narrows_the_figures(world: World, small_programme) -> None:  # type: ignore[no-untyped-def]
    lead = world.users["lead"].memberships.get()
    later = exports.funder_report(small_programme, lead, starts_on=D(2026, 1, 1))
    assert figure(later.headline, "Participants") == "0"
    during = exports.funder_report(
        small_programme, lead, starts_on=D(2025, 3, 1), ends_on=D(2025, 3, 31)
    )
    assert figure(during.headline, "Participants") == "9"
    assert figure(during.headline, "Started") == "0"
    assert figure(during.headline, "Completed") == "0"
    response = world.client_for("lead").get(
        reverse("reports:funder", kwargs={"pk": small_programme.pk}) + "?from=2026-01-01"
    )
    assert response.status_code == 200
    bad = world.client_for("lead").get(
        reverse("reports:funder", kwargs={"pk": small_programme.pk})
        + "?from=2026-01-01&to=2025-01-01"
    )
    assert bad.status_code == 200 and bad.context["form"].errors


def test_partner_gets_404_for_a_programme_it_is_not_a_partner_in(world: World) -> None:
    client = world.client_for("partner")
    for name in ("funder", "funder_xlsx", "funder_pdf"):
        url = reverse(f"reports:{name}", kwargs={"pk": world.objects["network"].pk})
        assert client.get(url).status_code == 404


def test_funder_exports_are_logged_once(world: World, small_programme) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("partner")
    for name in ("funder_xlsx", "funder_pdf"):
        before = AuditEntry.objects.filter(action="reports.export").count()
        body_of(client.get(reverse(f"reports:{name}", kwargs={"pk": small_programme.pk})))
        assert AuditEntry.objects.filter(action="reports.export").count() == before + 1


def test_funder_report_query_count_is_constant(world: World) -> None:
    # user; the programme; placement
    # figures; outcomes by kind and checkpoint; participants by gender; by country; funding
    programme = ProgrammeFactory(operator=world.operator, name="Budsjett")
    counter = iter(range(1000))
    assert_constant_queries(
        world.client_for("lead"),
        reverse("reports:funder", kwargs={"pk": programme.pk}),
        lambda n: people(
            world, programme, n, gender="female", country="SO", prefix=f"B{next(counter)}-"
        ),
        expected=QUERIES_FUNDER_PAGE,
    )


QUERIES_FUNDER_PAGE = 7
