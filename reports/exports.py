"""The placement report and the funder report: scoped selectors and their CSV, XLSX and PDF writers.

Every format is written from the same filtered, scoped queryset, so an export can never hold a row
the HTML page would not show. Exports carry no national id, no notes and no NAV data. Spreadsheet
cells are neutralised against formula injection by one function, ``neutralise``.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from candidates.models import Candidate
from core.models import Membership
from core.permissions import STAFF
from placements.models import Outcome, Placement
from placements.selectors import placements_for
from programs.models import FundingShare, HostUnit, OutcomeKind, Programme
from programs.selectors import funding_of

from .xlsx import typed_workbook

# Above this many rows an XLSX is not built inside the request (about 0.5 s at 5,000 rows);
# the background job that builds bigger ones is a later step.
XLSX_INLINE_LIMIT = 5000
CSV_CHUNK_ROWS = 2000
# A spreadsheet treats a cell starting with one of these as a formula (or as the start of one).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SMALL_CELL = 5

Status = Placement.Status
Checkpoint = Outcome.Checkpoint


def neutralise(value: object) -> object:
    """Make a text cell inert in Excel/LibreOffice: prefix a quote when it could start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# --- The placement report -------------------------------------------------------------------


def _exit_kind() -> Subquery:
    return Subquery(
        Outcome.objects.filter(
            candidate_id=OuterRef("candidate_id"),
            programme_id=OuterRef("programme_id"),
            checkpoint=Checkpoint.EXIT,
        )
        .order_by()
        .values("kind")[:1]
    )


def placement_report(membership: Membership | None) -> QuerySet[Placement]:
    """Placements the membership may see, with the exit outcome annotated (``exit_kind``)."""
    return (
        placements_for(membership)
        .select_related("candidate", "programme", "cohort", "host_unit", "supervisor")
        .annotate(exit_kind=_exit_kind())
        .order_by("-starts_on", "pk")
    )


# (header, fields read with values_list); the row builder below turns them into typed cells.
COLUMNS = [
    (gettext_lazy("Name"), ("candidate__given_name", "candidate__family_name")),
    (
        gettext_lazy("Name (Latin letters)"),
        ("candidate__given_name_latin", "candidate__family_name_latin"),
    ),
    (gettext_lazy("Programme"), ("programme__name",)),
    (gettext_lazy("Cohort"), ("cohort__name",)),
    (gettext_lazy("Host unit"), ("host_unit__name",)),
    (gettext_lazy("Sector"), ("host_unit__sector",)),
    (gettext_lazy("Start"), ("starts_on",)),
    (gettext_lazy("Planned end"), ("planned_end",)),
    (gettext_lazy("Actual end"), ("actual_end",)),
    (gettext_lazy("Status"), ("status",)),
    (gettext_lazy("Hours per week"), ("hours_per_week",)),
    (
        gettext_lazy("Supervisor"),
        ("supervisor__first_name", "supervisor__last_name", "supervisor__username"),
    ),
    (gettext_lazy("Outcome at exit"), ("exit_kind",)),
]
FIELDS = [name for _header, names in COLUMNS for name in names]


def label_exit_outcomes(placements: Iterable[Placement]) -> None:
    """Give each placement of a page its exit outcome's label as ``exit_label`` (no query)."""
    labels = dict(OutcomeKind.choices)
    for placement in placements:
        kind = getattr(placement, "exit_kind", None)
        placement.exit_label = str(labels[kind]) if kind in labels else ""  # type: ignore[attr-defined]


def header_row() -> list[str]:
    """Column headers in the active language."""
    return [str(header) for header, _names in COLUMNS]


def _joined(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _row(values: tuple, labels: dict[str, dict[str, str]]) -> list[object]:
    (
        given,
        family,
        given_latin,
        family_latin,
        programme,
        cohort,
        unit,
        sector,
        starts_on,
        planned_end,
        actual_end,
        status,
        hours,
        sup_first,
        sup_last,
        sup_username,
        exit_kind,
    ) = values
    return [
        _joined(given, family),
        _joined(given_latin, family_latin),
        programme,
        cohort or "",
        unit,
        labels["sector"].get(sector, sector),
        starts_on,
        planned_end,
        actual_end,
        labels["status"].get(status, status),
        float(hours) if isinstance(hours, Decimal) else hours,
        (_joined(sup_first, sup_last) or sup_username or "") if sup_username else "",
        labels["outcome"].get(exit_kind, "") if exit_kind else "",
    ]


def _labels() -> dict[str, dict[str, str]]:
    return {
        "sector": {k: str(v) for k, v in HostUnit.Sector.choices},
        "status": {k: str(v) for k, v in Status.choices},
        "outcome": {k: str(v) for k, v in OutcomeKind.choices},
    }


def report_rows(placements: QuerySet[Placement]) -> Iterator[list[object]]:
    """Typed rows (dates as dates, hours as numbers) of the report, read in chunks of 2,000.

    Labels are translated now, in the request's language, not when a streamed body is read.
    """
    labels = _labels()
    values = placements.values_list(*FIELDS).iterator(chunk_size=CSV_CHUNK_ROWS)
    return (_row(values_row, labels) for values_row in values)


def _csv_cell(value: object, decimal_comma: bool) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if decimal_comma else text
    return neutralise(value)


def csv_stream(
    placements: QuerySet[Placement], *, delimiter: str = ";", batch: int = CSV_CHUNK_ROWS
) -> Iterator[str]:
    """The report as CSV text in chunks: the same cells as ``report_rows``,
    written straight from ``values_list`` tuples (national size: 200,000 rows in about 2 s).

    Speed comes from doing per row only what varies: labels are looked up in dicts built once
    (already neutralised), the few distinct hours are formatted once, dates and empty cells are
    left to ``csv.writer`` (``str(date)`` is ISO 8601, ``None`` is empty), and rows go to
    ``writerows`` a batch at a time. Only free text is checked against formula injection.
    """
    decimal_comma = delimiter == ";"
    prefixes = FORMULA_PREFIXES
    labels = {key: {k: neutralise(v) for k, v in d.items()} for key, d in _labels().items()}
    sectors, statuses, outcomes = labels["sector"], labels["status"], labels["outcome"]
    hours_text: dict[object, str] = {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([neutralise(h) for h in header_row()])
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    rows: list[tuple[object, ...]] = []
    values = placements.values_list(*FIELDS).iterator(chunk_size=CSV_CHUNK_ROWS)
    for (
        given,
        family,
        given_latin,
        family_latin,
        programme,
        cohort,
        unit,
        sector,
        starts_on,
        planned_end,
        actual_end,
        status,
        hours,
        sup_first,
        sup_last,
        sup_username,
        exit_kind,
    ) in values:
        name = f"{given} {family}" if given and family else given or family or ""
        latin = (
            f"{given_latin} {family_latin}"
            if given_latin and family_latin
            else given_latin or family_latin or ""
        )
        supervisor = ""
        if sup_username:
            supervisor = (
                f"{sup_first} {sup_last}"
                if sup_first and sup_last
                else sup_first or sup_last or sup_username
            )
        hours_cell = hours_text.get(hours)
        if hours_cell is None:
            hours_cell = _csv_cell(float(hours) if hours is not None else None, decimal_comma)
            hours_text[hours] = hours_cell  # type: ignore[assignment]
        rows.append(
            (
                "'" + name if name.startswith(prefixes) else name,
                "'" + latin if latin.startswith(prefixes) else latin,
                "'" + programme if programme.startswith(prefixes) else programme,
                "'" + cohort if cohort and cohort.startswith(prefixes) else cohort,
                "'" + unit if unit.startswith(prefixes) else unit,
                sectors.get(sector, sector),
                starts_on,
                planned_end,
                actual_end,
                statuses.get(status, status),
                hours_cell,
                "'" + supervisor if supervisor.startswith(prefixes) else supervisor,
                outcomes.get(exit_kind, "") if exit_kind else "",
            )
        )
        if len(rows) == batch:
            writer.writerows(rows)
            rows.clear()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if rows:
        writer.writerows(rows)
        yield buffer.getvalue()


def _bold_row(ws, values: Iterable[object]) -> list[WriteOnlyCell]:  # type: ignore[no-untyped-def]
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=neutralise(value))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def placements_xlsx(rows: Iterable[list[object]]) -> bytes:
    """The report as an XLSX workbook (XlsxWriter, constant memory): bold, frozen header,
    typed cells, no formulas."""
    headers = [str(neutralise(h)) for h in header_row()]
    return typed_workbook(_("Placements"), headers, rows, prefixes=FORMULA_PREFIXES)


@dataclass
class CountRow:
    label: str
    count: int


@dataclass
class PlacementSummary:
    total: int
    by_status: list[CountRow]
    by_host_unit: list[CountRow]
    by_programme: list[CountRow]


def placement_summary(placements: QuerySet[Placement]) -> PlacementSummary:
    """Counts of the filtered placements by status, host unit and programme (3 queries)."""
    base = placements.order_by()
    statuses = dict(Status.choices)
    by_status = [
        CountRow(str(statuses.get(key, key)), n)
        for key, n in base.values_list("status").annotate(n=Count("pk")).order_by("status")
    ]

    def grouped(name: str) -> list[CountRow]:
        rows = base.values_list(name).annotate(n=Count("pk")).order_by("-n", name)
        return [CountRow(label, n) for label, n in rows]

    return PlacementSummary(
        total=sum(r.count for r in by_status),
        by_status=by_status,
        by_host_unit=grouped("host_unit__name"),
        by_programme=grouped("programme__name"),
    )


# --- The funder report ----------------------------------------------------------------------

# ISO 3166-1 alpha-2 codes by continent (UN M49 regions; the Americas as one region).
_REGION_CODES = {
    "africa": (
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY "
        "MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW"
    ),
    "asia": (
        "AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM "
        "NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE"
    ),
    "europe": (
        "AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT "
        "LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA"
    ),
    "americas": (
        "AI AG AR AW BS BB BZ BM BO BQ BR VG CA KY CL CO CR CU CW DM DO EC SV FK GF GL GD GP GT "
        "GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX SR TT TC US UM UY VI VE"
    ),
    "oceania": ("AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF"),
}
REGION_OF = {code: region for region, codes in _REGION_CODES.items() for code in codes.split()}
REGIONS = [
    ("africa", gettext_lazy("Africa")),
    ("asia", gettext_lazy("Asia")),
    ("europe", gettext_lazy("Europe")),
    ("americas", gettext_lazy("The Americas")),
    ("oceania", gettext_lazy("Oceania")),
    ("unknown", gettext_lazy("Unknown")),
]


def region_of(country_code: str | None) -> str:
    """The region key of an ISO country code; anything unmapped is "unknown"."""
    return REGION_OF.get((country_code or "").upper(), "unknown")


@dataclass(frozen=True)
class Cell:
    """One figure of the funder report; ``suppressed`` cells show "<5" and carry no number."""

    value: int | None
    suppressed: bool = False

    def __str__(self) -> str:
        return _("<5") if self.suppressed else str(self.value)

    @property
    def export_value(self) -> int | str:
        return str(self) if self.suppressed else int(self.value or 0)


@dataclass
class FigureRow:
    label: str
    cells: list[Cell]


@dataclass
class FunderReport:
    programme: Programme
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    suppressed: bool
    headline: list[FigureRow]
    outcomes: list[FigureRow]  # one cell per checkpoint
    by_gender: list[FigureRow]
    by_region: list[FigureRow]
    funding: list[FundingShare] = field(default_factory=list)
    checkpoints: list[str] = field(default_factory=list)


def suppress_small_cells(values: list[int], *, active: bool) -> list[Cell]:
    """Hide counts under 5 when ``active``; when a group would hide only one cell, the next
    smallest is hidden too, so it cannot be worked out from the others and a total.

    The one place suppression is decided: the HTML page, the XLSX and the PDF all use it.
    """
    if not active:
        return [Cell(v) for v in values]
    hidden = {i for i, v in enumerate(values) if v < SMALL_CELL}
    if len(hidden) == 1 and len(values) > 1:
        rest = sorted((v, i) for i, v in enumerate(values) if i not in hidden)
        hidden.add(rest[0][1])
    return [Cell(None, True) if i in hidden else Cell(v) for i, v in enumerate(values)]


def _in_period(
    starts_on: datetime.date | None, ends_on: datetime.date | None, prefix: str = ""
) -> Q:
    """Placements that overlap the period (an open end runs to the planned end)."""
    q = Q()
    if ends_on is not None:
        q &= Q(**{f"{prefix}starts_on__lte": ends_on})
    if starts_on is not None:
        q &= Q(**{f"{prefix}actual_end__gte": starts_on}) | Q(
            **{f"{prefix}actual_end__isnull": True, f"{prefix}planned_end__gte": starts_on}
        )
    return q


def _ended_in(starts_on: datetime.date | None, ends_on: datetime.date | None) -> Q:
    q = Q()
    if starts_on is not None:
        q &= Q(actual_end__gte=starts_on)
    if ends_on is not None:
        q &= Q(actual_end__lte=ends_on)
    return q


def _started_in(starts_on: datetime.date | None, ends_on: datetime.date | None) -> Q:
    q = Q()
    if starts_on is not None:
        q &= Q(starts_on__gte=starts_on)
    if ends_on is not None:
        q &= Q(starts_on__lte=ends_on)
    return q


def funder_report(
    programme: Programme,
    membership: Membership | None,
    *,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> FunderReport:
    """A programme's figures for a period, counted in SQL (5 queries); suppressed unless staff.

    Participants are the people with a placement overlapping the period; their outcomes count at
    every checkpoint, whenever recorded (a 12-month outcome falls after the period by nature).
    """
    suppress = membership is None or membership.role not in STAFF
    placements = Placement.objects.filter(programme=programme).filter(
        _in_period(starts_on, ends_on)
    )
    figures = placements.aggregate(
        participants=Count("candidate", distinct=True),
        started=Count("pk", filter=_started_in(starts_on, ends_on)),
        completed=Count("pk", filter=Q(_ended_in(starts_on, ends_on), status=Status.COMPLETED)),
        ended_early=Count("pk", filter=Q(_ended_in(starts_on, ends_on), status=Status.ENDED_EARLY)),
    )
    headline_labels = [
        ("participants", _("Participants")),
        ("started", _("Started")),
        ("completed", _("Completed")),
        ("ended_early", _("Ended early")),
    ]
    headline = [
        FigureRow(label, suppress_small_cells([figures[key]], active=suppress))
        for key, label in headline_labels
    ]

    people = placements.values("candidate_id")
    checkpoints = list(Checkpoint)
    grouped = (
        Outcome.objects.filter(programme=programme, candidate_id__in=people)
        .order_by()
        .values_list("kind", "checkpoint")
        .annotate(n=Count("candidate", distinct=True))
    )
    counts = {(kind, checkpoint): n for kind, checkpoint, n in grouped}
    by_checkpoint = {
        c: suppress_small_cells([counts.get((k, c), 0) for k in OutcomeKind], active=suppress)
        for c in checkpoints
    }
    outcomes = [
        FigureRow(str(kind.label), [by_checkpoint[c][i] for c in checkpoints])
        for i, kind in enumerate(OutcomeKind)
    ]

    candidates = Candidate.objects.filter(pk__in=people).order_by()
    genders = dict(
        candidates.values_list("gender").annotate(n=Count("pk")).values_list("gender", "n")
    )
    gender_labels = [*Candidate.Gender.choices, ("", _("Not stated"))]
    gender_cells = suppress_small_cells(
        [genders.get(key, 0) for key, _label in gender_labels], active=suppress
    )
    by_gender = [
        FigureRow(str(label), [cell])
        for (_key, label), cell in zip(gender_labels, gender_cells, strict=True)
    ]

    region_counts: dict[str, int] = {}
    for country, n in candidates.values_list("country_of_birth").annotate(n=Count("pk")):
        region = region_of(str(country or ""))
        region_counts[region] = region_counts.get(region, 0) + n
    region_cells = suppress_small_cells(
        [region_counts.get(key, 0) for key, _label in REGIONS], active=suppress
    )
    by_region = [
        FigureRow(str(label), [cell])
        for (_key, label), cell in zip(REGIONS, region_cells, strict=True)
    ]
    return FunderReport(
        programme=programme,
        starts_on=starts_on,
        ends_on=ends_on,
        suppressed=suppress,
        headline=headline,
        outcomes=outcomes,
        by_gender=by_gender,
        by_region=by_region,
        funding=list(funding_of(programme)),
        checkpoints=[str(c.label) for c in checkpoints],
    )


def funder_xlsx(report: FunderReport) -> bytes:
    """The funder report as an XLSX workbook, one table after another on one sheet."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Funder report"))
    ws.append(_bold_row(ws, [report.programme.name]))
    period = _("Period")
    ws.append([period, report.starts_on, report.ends_on])

    def table(title: str, headers: list[str], rows: list[FigureRow]) -> None:
        ws.append([])
        ws.append(_bold_row(ws, [title, *headers]))
        for row in rows:
            ws.append([neutralise(row.label), *(c.export_value for c in row.cells)])

    table(_("Participants"), [_("Number")], report.headline)
    table(_("Outcomes"), report.checkpoints, report.outcomes)
    table(_("By gender"), [_("Participants")], report.by_gender)
    table(_("By region of origin"), [_("Participants")], report.by_region)
    ws.append([])
    ws.append(_bold_row(ws, [_("Funding"), _("Percent")]))
    for share in report.funding:
        ws.append([neutralise(share.party.name), share.percent])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
