"""The placement report's CSV written by PostgreSQL: ``COPY (SELECT …) TO STDOUT WITH CSV``.

The Python writer (``csv_stream``) spends most of its time fetching and converting rows and in
``csv.writer``; here the database formats every cell and quotes every row, and Python only
passes the bytes on. The SELECT is the report's own queryset (same scope, filters, joins and
order) with each column turned into the text the Python writer would produce:

- labels (sector, status, outcome at exit) as ``CASE`` expressions whose texts are parameters,
  translated in the active language when the statement is built;
- dates ``YYYY-MM-DD`` (``str(date)``), hours as the shortest decimal with a decimal comma for
  ``;`` files (``f"{float(h):g}"``), names joined as ``_joined`` joins them;
- free text prefixed with a quote when a spreadsheet would read it as a formula (``neutralise``);
- every empty text turned into NULL: PostgreSQL writes NULL as an empty field and an empty
  string as ``""``, ``csv.writer`` writes both as an empty field.

PostgreSQL ends CSV lines with ``\\n`` and ``csv.writer`` with ``\\r\\n``; each COPY message is
one row, so the line ending is swapped per batch of rows (a quoted newline inside a cell stays as
it is, as ``csv.writer`` writes it). The result is byte for byte the Python writer's
(tests/exports/test_csv_copy.py).
"""

from collections.abc import Iterator
from typing import Any

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    F,
    FilteredRelation,
    FloatField,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThan

from placements.models import Placement
from programs.models import HostUnit, OutcomeKind

from .common import CSV_CHUNK_ROWS, FORMULA_PREFIXES, Checkpoint, Status, neutralise

DELIMITERS = (";", ",")


# The code points that make a spreadsheet read a cell as a formula (``FORMULA_PREFIXES``).
_PREFIX_CODES = ", ".join(str(ord(p)) for p in FORMULA_PREFIXES)


class _Blank(Func):
    """NULLIF(text, ''): an empty text is an empty CSV field, as ``csv.writer`` writes it."""

    template = "NULLIF(%(expressions)s, '')"
    output_field = TextField()


class _Joined(Func):
    """The non-empty parts joined by a space (``_joined``); '' when there are none."""

    template = "CONCAT_WS(' ', %(expressions)s)"
    output_field = TextField()

    def __init__(self, *fields: str) -> None:
        super().__init__(*(_Blank(F(f)) for f in fields))


class _Neutralised(Func):
    """The text with a quote in front when it starts like a formula (``neutralise``).

    ``first`` is an expression that starts with the same character as the text (for a joined
    name: its first non-empty part), so the text itself is worked out once per row; ``ASCII``
    and a list of integers are the cheapest test PostgreSQL has for a first character."""

    template = (
        f"CASE WHEN ASCII(%(first)s) IN ({_PREFIX_CODES}) THEN '''' || %(text)s ELSE %(text)s END"
    )
    output_field = TextField()

    def __init__(self, expression: Combinable, first: Combinable | None = None) -> None:
        super().__init__(expression, first if first is not None else expression)

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[no-untyped-def]
        text_expression, first_expression = self.get_source_expressions()
        text, text_params = compiler.compile(text_expression)
        first, first_params = compiler.compile(first_expression)
        sql = self.template % {"first": first, "text": text}
        # The template reads the first character's expression, then the text twice.
        return sql, (*first_params, *text_params, *text_params)


class _IsoDate(Func):
    template = "TO_CHAR(%(expressions)s, 'YYYY-MM-DD')"
    output_field = TextField()


class _Hours(Func):
    """``f"{float(hours):g}"`` for numeric(4,1) hours: the shortest decimal, no trailing zero."""

    template = "TRIM_SCALE(%(expressions)s)::text"
    output_field = TextField()


class _DecimalComma(Func):
    template = "REPLACE(%(expressions)s, '.', ',')"
    output_field = TextField()


def _labelled(field: str, choices: list[tuple[str, Any]], *, default: Combinable | None) -> Case:
    """CASE field WHEN key THEN label …: the labels in the active language, neutralised."""
    whens = [When(**{field: key}, then=Value(neutralise(str(label)))) for key, label in choices]
    return Case(*whens, default=default, output_field=CharField())


def _name(given: str, family: str) -> _Blank:
    """``_joined(given, family)``, neutralised, empty as NULL."""
    first = Func(_Blank(F(given)), F(family), function="COALESCE")
    return _Blank(_Neutralised(_Joined(given, family), first=first))


def _text(field: str) -> _Blank:
    return _Blank(_Neutralised(F(field)))


def _supervisor_text() -> Case:
    """``(_joined(first, last) or username) if username else ""`` (NULL for "")."""
    first_name, last_name = "supervisor__first_name", "supervisor__last_name"
    username = "supervisor__username"
    joined = _Blank(_Joined(first_name, last_name))
    return Case(
        When(
            GreaterThan(F(username), Value("")),
            then=Func(joined, F(username), function="COALESCE"),
        ),
        default=None,
        output_field=TextField(),
    )


def _supervisor() -> _Blank:
    """The supervisor's cell, neutralised."""
    first = Func(
        _Blank(F("supervisor__first_name")),
        _Blank(F("supervisor__last_name")),
        F("supervisor__username"),
        function="COALESCE",
    )
    return _Blank(_Neutralised(_supervisor_text(), first=first))


def _dates_in_iso(alias: str) -> bool:
    """Whether the connection writes dates as ``YYYY-MM-DD`` (DateStyle ISO, PostgreSQL's
    default), so a date column needs no ``TO_CHAR``: the server reports the setting."""
    connection = connections[alias]
    connection.ensure_connection()
    style = connection.connection.info.parameter_status("DateStyle") or ""
    return style.upper().startswith("ISO")


def copy_statement(placements: QuerySet[Placement], delimiter: str) -> tuple[str, tuple[Any, ...]]:
    """The COPY statement and its parameters for the report's rows, labels in the active
    language (so a streamed body is labelled as the request was, not as it is read)."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS}")
    iso = _dates_in_iso(placements.db)

    def date(field: str) -> Combinable:
        return F(field) if iso else _IsoDate(field)

    hours = _Hours("hours_per_week")
    columns = {
        "c_name": _name("candidate__given_name", "candidate__family_name"),
        "c_latin": _name("candidate__given_name_latin", "candidate__family_name_latin"),
        "c_programme": _text("programme__name"),
        "c_cohort": _text("cohort__name"),
        "c_unit": _text("host_unit__name"),
        "c_sector": _Blank(
            _labelled("host_unit__sector", HostUnit.Sector.choices, default=F("host_unit__sector"))
        ),
        "c_starts": date("starts_on"),
        "c_planned": date("planned_end"),
        "c_actual": date("actual_end"),
        "c_status": _Blank(_labelled("status", Status.choices, default=F("status"))),
        "c_hours": _DecimalComma(hours) if delimiter == ";" else hours,
        "c_supervisor": _supervisor(),
        "c_exit": _labelled("copy_exit__kind", OutcomeKind.choices, default=None),
    }
    rows = _with_exit_outcome(placements).annotate(**columns).values_list(*columns)
    select, params = rows.query.get_compiler(using=rows.db).as_sql()
    # The delimiter is one of DELIMITERS; the SELECT is compiled by the ORM.
    statement = f"COPY ({select}) TO STDOUT WITH (FORMAT csv, DELIMITER '{delimiter}')"
    return statement, tuple(params)


def _with_exit_outcome(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """The exit outcome joined once as ``copy_exit`` (one per candidate, programme and
    checkpoint), instead of ``_exit_kind``'s subquery run for every row (at national size that
    subquery was half the statement's time, and its cost turned on PostgreSQL's JIT)."""
    return placements.annotate(
        copy_exit=FilteredRelation(
            "candidate__outcomes",
            condition=Q(
                candidate__outcomes__checkpoint=Checkpoint.EXIT,
                candidate__outcomes__programme=F("programme"),
            ),
        )
    )


def typed_report_rows(placements: QuerySet[Placement]) -> Iterator[tuple[Any, ...]]:
    """``report_rows`` on PostgreSQL: the same typed cells (text, dates, hours as floats; the
    spreadsheet writer neutralises text itself), worked out by the database, so each row
    arrives ready for the writer. Labels are in the active language when this is called."""
    supervisor = _supervisor_text()
    columns = {
        "x_name": _Joined("candidate__given_name", "candidate__family_name"),
        "x_latin": _Joined("candidate__given_name_latin", "candidate__family_name_latin"),
        "x_programme": F("programme__name"),
        "x_cohort": F("cohort__name"),
        "x_unit": F("host_unit__name"),
        "x_sector": _labelled(
            "host_unit__sector", HostUnit.Sector.choices, default=F("host_unit__sector")
        ),
        "x_starts": F("starts_on"),
        "x_planned": F("planned_end"),
        "x_actual": F("actual_end"),
        "x_status": _labelled("status", Status.choices, default=F("status")),
        "x_hours": Cast("hours_per_week", FloatField()),
        "x_supervisor": supervisor,
        "x_exit": _labelled("copy_exit__kind", OutcomeKind.choices, default=None),
    }
    rows = _with_exit_outcome(placements).annotate(**columns).values_list(*columns)
    return rows.iterator(chunk_size=CSV_CHUNK_ROWS)


def copy_csv_stream(
    placements: QuerySet[Placement],
    *,
    header: str,
    delimiter: str = ";",
    batch: int = CSV_CHUNK_ROWS,
) -> Iterator[bytes]:
    """The report as CSV bytes after ``header`` (the BOM and header line, as ``csv_stream``
    writes them), written by PostgreSQL and streamed a batch of rows at a time.

    The statement is built now, in the active language; the database is read with the body."""
    statement, params = copy_statement(placements, delimiter)
    return _stream(placements.db, header.encode("utf-8"), statement, params, batch)


def _stream(
    alias: str, header: bytes, statement: str, params: tuple[Any, ...], batch: int
) -> Iterator[bytes]:
    yield header
    rows: list[Any] = []
    with connections[alias].cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        for row in copy:
            rows.append(row)
            if len(rows) == batch:
                yield _crlf(rows)
                rows.clear()
    if rows:
        yield _crlf(rows)


def _crlf(rows: list[Any]) -> bytes:
    """The rows (one COPY message each, ending in ``\\n``) with ``\\r\\n`` line endings."""
    data = b"".join(rows)
    if data.count(b"\n") == len(rows):  # no newline inside a cell: swap them all at once
        return data.replace(b"\n", b"\r\n")
    return b"".join([bytes(row[:-1]) + b"\r\n" for row in rows])
