"""PostgreSQL writes the placement CSV (COPY … TO STDOUT) byte for byte as the Python writer does.

The fixture holds what makes CSV hard: every status and every label (and a stored code no
label knows), empty cells of every kind, names in many scripts, commas, semicolons, quotes,
newlines and carriage returns inside cells, cells starting like a formula, whitespace at the
edges, and every shape of supervisor name.
"""

import datetime
import io
import itertools
import random
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from placements.models import Outcome, Placement
from programs.models import HostUnit, OutcomeKind
from reports import exports
from reports.exports.copy_csv import copy_csv_stream, copy_statement
from tests.conftest import World
from tests.factories import CandidateFactory, CohortFactory, HostUnitFactory, UserFactory

from .helpers import body_of

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
D = datetime.date

NAMES = [
    ("Amal", "Haddad"),
    ("محمد", "الحسن"),  # Arabic
    ("Сергей", "Смирнов"),  # Cyrillic
    ("ተስፋይ", "ገብረ"),  # Ge'ez
    ("明", "王"),  # Chinese
    ("Ნინო", "ბერიძე"),  # Georgian (with a Mtavruli capital)
    ("Ærlig Øystein", "Åsen"),
    ("Ana, Maria", 'Silva "Nita"'),
    ("Line\nbreak", "Semi;colon"),
    ("Carriage\rreturn", "Tab\there"),
    ("=SUM(A1:A2)", "+47"),
    ("-5", "@home"),
    ("\tTabbed", "\rReturned"),
    (" Leading", "Trailing "),
    ("", "OnlyFamily"),
    ("OnlyGiven", ""),
    ("'Quoted'", "O'Neil"),
    ("Emoji 🙂", "Zoë"),
    ("\\.", "back\\slash"),
    ("", ""),
]
SUPERVISORS = [
    ("Kari", "Nordmann", "kari@example.org"),
    ("Ola", "", "ola@example.org"),
    ("", "Hansen", "hansen@example.org"),
    ("", "", "=login@example.org"),
    ("Per, Jr.", 'The "Boss"', "per@example.org"),
    ("-Minus", "Plus", "minus@example.org"),
]
HOURS = ["37.5", "40.0", "0.5", "60.0", "7.5", "12.0", "20.0", "59.9"]
STATUSES = [*Placement.Status.values, "archived"]  # a code no label knows
SECTORS = [*HostUnit.Sector.values, "legacy"]
EXITS = [None, *OutcomeKind.values, "legacy"]


def _random_text(rng: random.Random) -> str:
    alphabet = "ab ÆØÅæøå,;\"'\n\r\t=+-@محمدСм中🙂\\"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def build_rows(world: World) -> None:
    """Placements, each of its own candidate, cycling through every hard case."""
    programme = world.objects["programme"]
    cohorts = [
        None,
        world.objects["cohort"],
        CohortFactory(programme=programme, name='=Kull "1", ny\nlinje'),
        CohortFactory(programme=programme, name="Høst; 2027"),
    ]
    units = []
    for i, sector in enumerate(SECTORS):
        units.append(HostUnitFactory(operator=world.operator, name=f"Enhet {i}, avd. «Ø»"))
        HostUnit.objects.filter(pk=units[-1].pk).update(sector=sector)  # also a stale code
    units.append(HostUnitFactory(operator=world.operator, name="@Unit\r\nwith both"))
    supervisors = [None] + [
        UserFactory(first_name=first, last_name=last, username=login)
        for first, last, login in SUPERVISORS
    ]
    rng = random.Random(15)
    names = NAMES + [(_random_text(rng), _random_text(rng)) for _ in range(40)]
    latin = itertools.cycle([("Muhammad", "al-Hasan"), ("", ""), ("=X", ""), ("A\nB", "C;D")])
    for i, (given, family) in enumerate(names):
        given_latin, family_latin = next(latin)
        candidate = CandidateFactory(
            operator=world.operator,
            given_name=given,
            family_name=family,
            given_name_latin=given_latin,
            family_name_latin=family_latin,
        )
        status = STATUSES[i % len(STATUSES)]
        starts_on = D(2027, 1, 1) + datetime.timedelta(days=i * 17)
        placement = Placement.objects.create(
            candidate=candidate,
            programme=programme,
            cohort=cohorts[i % len(cohorts)],
            host_unit=units[i % len(units)],
            starts_on=starts_on,
            planned_end=starts_on + datetime.timedelta(days=180),
            actual_end=starts_on + datetime.timedelta(days=90) if i % 3 == 0 else None,
            status=Placement.Status.ENDED_EARLY if status == "ended_early" else "planned",
            end_reason="Moved" if status == "ended_early" else "",
            hours_per_week=HOURS[i % len(HOURS)],
            supervisor=supervisors[i % len(supervisors)],
        )
        Placement.objects.filter(pk=placement.pk).update(status=status)
        kind = EXITS[i % len(EXITS)]
        if kind is not None:
            Outcome.objects.create(
                candidate=candidate,
                programme=programme,
                placement=placement,
                checkpoint=Outcome.Checkpoint.EXIT,
                kind=kind,
                recorded_on=starts_on,
            )
        if i % 4 == 0:  # a later checkpoint must not stand in for the exit
            Outcome.objects.create(
                candidate=candidate,
                programme=programme,
                checkpoint=Outcome.Checkpoint.MONTHS_6,
                kind=OutcomeKind.EDUCATION,
                recorded_on=starts_on,
            )


def python_bytes(placements, delimiter: str) -> bytes:  # type: ignore[no-untyped-def]
    return "".join(exports.python_csv_stream(placements, delimiter=delimiter)).encode("utf-8")


def copy_bytes(placements, delimiter: str, batch: int = 7) -> bytes:  # type: ignore[no-untyped-def]
    header = exports.csv_header(delimiter)
    stream = copy_csv_stream(placements, header=header, delimiter=delimiter, batch=batch)
    return b"".join(stream)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_copy_writes_the_same_bytes_as_the_python_writer(
    world: World, language: str, delimiter: str
) -> None:
    build_rows(world)
    placements = exports.placement_report(world.users["lead"].memberships.get())
    with translation.override(language):
        expected = python_bytes(placements, delimiter)
        written = copy_bytes(placements, delimiter)
    assert expected.count(b"\n") > len(NAMES) + 40, "the fixture reached the file"
    assert b'"Line\nbreak' in expected and b"\r" in expected and "محمد".encode() in expected
    assert written == expected


def test_every_label_and_empty_cell_is_covered(world: World) -> None:
    """The fixture really holds each case the byte comparison is meant to prove."""
    build_rows(world)
    placements = exports.placement_report(world.users["lead"].memberships.get())
    text = python_bytes(placements, ";").decode("utf-8")
    with translation.override("en"):
        for label in [*Placement.Status.labels, *HostUnit.Sector.labels, *OutcomeKind.labels]:
            assert str(label) in text
    assert "archived" in text and "legacy" in text
    assert ";;" in text  # empty cells
    assert "37,5" in text and ";40;" in text


def test_a_batch_with_and_without_newlines_in_cells(world: World) -> None:
    """Line endings are swapped per batch: batches of one row, and one batch of everything."""
    build_rows(world)
    placements = exports.placement_report(world.users["lead"].memberships.get())
    expected = python_bytes(placements, ";")
    assert copy_bytes(placements, ";", batch=1) == expected
    assert copy_bytes(placements, ";", batch=100_000) == expected


def test_dates_stay_iso_under_another_datestyle(world: World) -> None:
    """Dates are written as the server's DateStyle has them when it is ISO (the default), and
    through TO_CHAR otherwise."""
    build_rows(world)
    placements = exports.placement_report(world.users["lead"].memberships.get())
    expected = python_bytes(placements, ";")
    with connection.cursor() as cursor:
        cursor.execute("SET DateStyle = 'SQL, DMY'")
        try:
            written = copy_bytes(placements, ";")
        finally:
            cursor.execute("SET DateStyle = 'ISO, MDY'")
    assert written == expected


def test_filtered_report_copies_only_its_rows(world: World) -> None:
    build_rows(world)
    placements = exports.placement_report(world.users["lead"].memberships.get()).filter(
        status=Placement.Status.ACTIVE
    )
    assert copy_bytes(placements, ";") == python_bytes(placements, ";")


def test_the_view_streams_the_copy_on_postgresql(world: World) -> None:
    build_rows(world)
    client = world.client_for("lead")
    url = reverse("reports:placements_csv")
    placements = exports.placement_report(world.users["lead"].memberships.get())
    with translation.override("nb"):
        expected = python_bytes(placements, ";")
        expected_comma = python_bytes(placements, ",")
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.streaming
    assert body_of(response) == expected
    assert body_of(client.get(url + "?sep=comma", HTTP_ACCEPT_LANGUAGE="nb")) == expected_comma


def test_a_body_abandoned_midway_leaves_the_connection_usable(world: World) -> None:
    build_rows(world)
    placements = exports.placement_report(world.users["lead"].memberships.get())
    stream = exports.csv_stream(placements, batch=2)
    next(stream), next(stream)
    stream.close()  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_statement_takes_no_delimiter_but_the_two_known() -> None:
    with pytest.raises(ValueError):
        copy_statement(Placement.objects.all(), "'")


def _sheet(body: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_xlsx_rows_from_postgresql_make_the_same_sheet(world: World, language: str) -> None:
    """``report_rows`` on PostgreSQL (cells worked out in SQL) writes the same worksheet as the
    Python row builder: same texts, dates, numbers and empty cells."""
    build_rows(world)
    placements = exports.placement_report(world.users["lead"].memberships.get())
    with translation.override(language):
        expected = _sheet(exports.placements_xlsx(exports.python_report_rows(placements)))
        written = _sheet(exports.placements_xlsx(exports.report_rows(placements)))
    assert expected.count(b"<row ") > len(NAMES)
    assert written == expected
