"""The funder report: figures for a programme and period, small cells suppressed."""

import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from candidates.models import Candidate
from core.models import Membership
from core.permissions import STAFF
from placements.models import Outcome, Placement
from programs.models import FundingShare, OutcomeKind, Programme
from programs.selectors import funding_of

from .common import (
    SMALL_CELL,
    Checkpoint,
    Status,
    bold_row,
    neutralise,
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
    ws.append(bold_row(ws, [report.programme.name]))
    period = _("Period")
    ws.append([period, report.starts_on, report.ends_on])

    def table(title: str, headers: list[str], rows: list[FigureRow]) -> None:
        ws.append([])
        ws.append(bold_row(ws, [title, *headers]))
        for row in rows:
            ws.append([neutralise(row.label), *(c.export_value for c in row.cells)])

    table(_("Participants"), [_("Number")], report.headline)
    table(_("Outcomes"), report.checkpoints, report.outcomes)
    table(_("By gender"), [_("Participants")], report.by_gender)
    table(_("By region of origin"), [_("Participants")], report.by_region)
    ws.append([])
    ws.append(bold_row(ws, [_("Funding"), _("Percent")]))
    for share in report.funding:
        ws.append([neutralise(share.party.name), share.percent])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
