"""The placement report: page, CSV, XLSX and PDF all hold the same filtered, scoped rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from candidates.models import Candidate
from core.models import AuditEntry
from placements.models import NavAgreement
from placements.services import placement_create, placement_end_early, placement_start
from reports import exports
from tests.conftest import World
from tests.factories import CandidateFactory, HostUnitFactory, ProgrammeFactory
from tests.querybudget import assert_constant_queries

from .helpers import D, add_placements, body_of, other_unit, parse_csv, parse_xlsx, pdf_text
from .matrix import ROWS

pytestmark = pytest.mark.django_db
ROLES = ("anon", "lead", "coordinator", "mentor", "partner", "other_lead", "site_admin")


def expected_names(world: World, **filters) -> set[str]:  # type: ignore[no-untyped-def]
    """Names the lead's scoped report holds, read straight from the selector."""
    membership = world.users["lead"].memberships.get()
    rows = exports.placement_report(membership).filter(**filters)
    return {p.candidate.full_name for p in rows}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_each_role_gets_its_status(world: World, name: str) -> None:
    statuses, kwargs, _html = ROWS[name]
    url = reverse(name, kwargs=kwargs(world) if kwargs else None)
    got = tuple(world.client_for(role).get(url).status_code for role in ROLES)
    assert got == statuses


def test_mentor_cannot_open_the_placement_report_or_its_exports(world: World) -> None:
    client = world.client_for("mentor")
    for name in ("placements", "placements_csv", "placements_xlsx", "placements_pdf"):
        assert client.get(reverse(f"reports:{name}")).status_code == 403


def test_filtered_exports_equal_the_filtered_scoped_queryset(world: World, tmp_path) -> None:  # type: ignore[no-untyped-def]
    helse = other_unit(world)
    add_placements(world, 3, prefix="Eiendom")
    add_placements(world, 2, host_unit=helse, prefix="Helse")
    # Another operator's placement in a same-named unit never appears.
    other_candidate = CandidateFactory(operator=world.other_operator, given_name="Fremmed")
    placement_create(
        candidate=other_candidate,
        programme=ProgrammeFactory(operator=world.other_operator),
        host_unit=HostUnitFactory(operator=world.other_operator, name="Helse"),
        starts_on=D(2027, 1, 4),
        planned_end=D(2027, 6, 30),
        by=world.users["other_lead"],
    )
    client = world.client_for("coordinator")
    query = f"?host_unit={helse.pk}"
    want = expected_names(world, host_unit=helse)
    assert want == {"Helse0 Testesen", "Helse1 Testesen"}

    page = client.get(reverse("reports:placements") + query).content.decode()
    assert all(name in page for name in want) and "Eiendom0" not in page

    rows = parse_csv(client.get(reverse("reports:placements_csv") + query))
    with translation.override("nb"):
        assert rows[0] == exports.header_row()
    assert {r[0] for r in rows[1:]} == want

    comma = parse_csv(client.get(reverse("reports:placements_csv") + query + "&sep=comma"), ",")
    assert {r[0] for r in comma[1:]} == want
    assert {r[10] for r in comma[1:]} == {"37.5"}
    assert {r[10] for r in rows[1:]} == {"37,5"}

    sheet = parse_xlsx(client.get(reverse("reports:placements_xlsx") + query))
    values = list(sheet.iter_rows(values_only=True))
    assert {r[0] for r in values[1:]} == want
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    first = values[1]
    assert isinstance(first[6], datetime.datetime) and first[6].date() == D(2027, 1, 4)
    assert first[10] == 37.5

    text = pdf_text(client.get(reverse("reports:placements_pdf") + query), tmp_path)
    assert "Helse" in text and "Eiendom" not in text
    assert "Helse0" not in text, "the PDF is a summary, no names"


def test_exports_follow_status_period_and_exit_outcome_filters(world: World) -> None:
    lead = world.users["lead"]
    ended, running = add_placements(world, 2, prefix="Filter")
    placement_start(placement=ended, by=lead)
    placement_end_early(placement=ended, on=D(2027, 2, 1), reason="Flyttet", by=lead)
    client = world.client_for("lead")
    url = reverse("reports:placements_csv")

    early = parse_csv(client.get(url + "?status=ended_early"))
    assert {r[0] for r in early[1:]} == expected_names(world, status="ended_early")
    assert "Filter0 Testesen" in {r[0] for r in early[1:]}

    # Overlapping 1 March 2027: the early-ended placement (ended 1 Feb) is not in it.
    march = {r[0] for r in parse_csv(client.get(url + "?period_from=2027-03-01"))[1:]}
    assert "Filter1 Testesen" in march and "Filter0 Testesen" not in march
    before = {r[0] for r in parse_csv(client.get(url + "?period_to=2026-12-31"))[1:]}
    assert "Filter0 Testesen" not in before

    in_field = {r[0] for r in parse_csv(client.get(url + "?exit_kind=permanent_in_field"))[1:]}
    assert in_field == expected_names(world, exit_kind="permanent_in_field")
    assert "Filter1 Testesen" not in in_field


def test_no_national_id_notes_or_nav_data_in_exports(world: World) -> None:
    [placement] = add_placements(world, 1, prefix="Privat")
    Candidate.objects.filter(pk=placement.candidate_id).update(national_id="01017012345")
    NavAgreement.objects.create(
        placement=placement,
        reference="NAV-REF-777",
        benefit="aap",
        starts_on=D(2027, 1, 4),
        ends_on=D(2027, 6, 30),
    )
    client = world.client_for("lead")
    csv_text = body_of(client.get(reverse("reports:placements_csv"))).decode("utf-8-sig")
    assert "01017012345" not in csv_text
    assert "Privat0 Testesen" in csv_text
    assert "NAV-REF-777" not in csv_text
    assert not {f for f in exports.FIELDS if "national" in f or "nav" in f or "note" in f}


def test_formula_injection_is_neutralised_in_csv_and_xlsx(world: World) -> None:
    evil = CandidateFactory(
        operator=world.operator, given_name='=HYPERLINK("http://x")', family_name="Test"
    )
    unit = HostUnitFactory(operator=world.operator, name="@SUM(1+1)")
    placement_create(
        candidate=evil,
        programme=world.objects["programme"],
        host_unit=unit,
        starts_on=D(2027, 1, 4),
        planned_end=D(2027, 6, 30),
        by=world.users["lead"],
    )
    Candidate.objects.filter(pk=evil.pk).update(given_name_latin="-2+3", family_name_latin="x")
    client = world.client_for("lead")

    rows = parse_csv(client.get(reverse("reports:placements_csv")))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://x") Test' in cells
    assert "'@SUM(1+1)" in cells and "'-2+3 x" in cells
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells)

    sheet = parse_xlsx(client.get(reverse("reports:placements_xlsx")))
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
    assert "'@SUM(1+1)" in [c for r in sheet.iter_rows(values_only=True) for c in r]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+47 123", "'+47 123"),
        ("-x", "'-x"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Oslo", "Oslo"),
        ("", ""),
        (37.5, 37.5),
        (None, None),
    ],
)
def test_neutralise(value, expected) -> None:  # type: ignore[no-untyped-def]
    assert exports.neutralise(value) == expected


def test_one_audit_entry_per_export_with_counts_only(world: World) -> None:
    add_placements(world, 3, prefix="Logg")
    client = world.client_for("coordinator")
    total = exports.placement_report(world.users["lead"].memberships.get()).count()
    for fmt in ("csv", "xlsx", "pdf"):
        before = AuditEntry.objects.filter(action="reports.export").count()
        response = client.get(reverse(f"reports:placements_{fmt}"))
        body_of(response)
        entries = AuditEntry.objects.filter(action="reports.export").order_by("-pk")
        assert entries.count() == before + 1, fmt
        entry = entries.first()
        counts = {key: entry.data[key] for key in ("report", "format", "rows")}
        assert counts == {"report": "placements", "format": fmt, "rows": total}
        # CSV and XLSX hold names: the entry names the candidates by id (core.audit_access);
        # the PDF holds counts only.
        assert ("candidates" in entry.data) == (fmt != "pdf"), fmt
        assert entry.actor == world.users["coordinator"]
        assert entry.operator_id == world.operator.pk


def test_placement_report_query_count_is_constant(world: World) -> None:
    # user (session and memberships cached); paginator count;
    # filter choices: programmes, cohorts, host units; the page's rows with candidate,
    # programme, cohort, unit and supervisor joined and the exit outcome as a subquery
    client = world.client_for("lead")
    assert_constant_queries(
        client,
        reverse("reports:placements"),
        lambda n: add_placements(world, n, prefix=f"Q{n}-"),
        expected=QUERIES_PLACEMENT_PAGE,
    )


QUERIES_PLACEMENT_PAGE = 6
