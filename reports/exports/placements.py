"""The placement report: its scoped selector and its CSV and XLSX writers."""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Membership
from placements.models import Outcome, Placement
from placements.selectors import placements_for
from programs.models import HostUnit, OutcomeKind

from ..xlsx import typed_workbook
from .common import (
    CSV_CHUNK_ROWS,
    FORMULA_PREFIXES,
    Checkpoint,
    Status,
    neutralise,
)
from .copy_csv import copy_csv_stream, typed_report_rows

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


def report_rows(placements: QuerySet[Placement]) -> Iterator[Sequence[object]]:
    """Typed rows (dates as dates, hours as numbers) of the report, read in chunks of 2,000.

    Labels are translated now, in the request's language, not when a streamed body is read.
    On PostgreSQL the database works the cells out (``copy_csv.typed_report_rows``).
    """
    if connections[placements.db].vendor == "postgresql":
        return typed_report_rows(placements)
    return python_report_rows(placements)


def python_report_rows(placements: QuerySet[Placement]) -> Iterator[list[object]]:
    """``report_rows`` worked out in Python from ``values_list`` tuples (SQLite)."""
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


def csv_header(delimiter: str = ";") -> str:
    """The first chunk of every CSV: a UTF-8 BOM (so Excel reads the file as UTF-8) and the
    header line in the active language."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerow([neutralise(h) for h in header_row()])
    return "\ufeff" + buffer.getvalue()


def csv_stream(
    placements: QuerySet[Placement], *, delimiter: str = ";", batch: int = CSV_CHUNK_ROWS
) -> Iterator[str] | Iterator[bytes]:
    """The report as CSV in chunks, the same bytes either way: on PostgreSQL written by the
    database (``COPY … TO STDOUT``, ``copy_csv``), elsewhere by ``python_csv_stream``."""
    if connections[placements.db].vendor == "postgresql":
        return copy_csv_stream(
            placements, header=csv_header(delimiter), delimiter=delimiter, batch=batch
        )
    return python_csv_stream(placements, delimiter=delimiter, batch=batch)


def python_csv_stream(
    placements: QuerySet[Placement], *, delimiter: str = ";", batch: int = CSV_CHUNK_ROWS
) -> Iterator[str]:
    """The report as CSV text in chunks: the same cells as ``report_rows``,
    written straight from ``values_list`` tuples (national size: 200,000 rows in about 3 s).

    Speed comes from doing per row only what varies: labels are looked up in dicts built once
    (already neutralised), the few distinct hours are formatted once, dates and empty cells are
    left to ``csv.writer`` (``str(date)`` is ISO 8601, ``None`` is empty), and rows go to
    ``writerows`` a batch at a time. Only free text is checked against formula injection.
    """
    decimal_comma = delimiter == ";"
    prefixes = FORMULA_PREFIXES
    labels = {key: {k: neutralise(v) for k, v in d.items()} for key, d in _labels().items()}
    sectors, statuses, outcomes = labels["sector"], labels["status"], labels["outcome"]
    hours_text: dict[object, object] = {}
    yield csv_header(delimiter)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
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
            hours_text[hours] = hours_cell
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


def placements_xlsx(rows: Iterable[Sequence[object]]) -> bytes:
    """The report as an XLSX workbook (a streaming writer, ``reports.xlsx``): bold, frozen
    header, typed cells, no formulas."""
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
