"""Plain reads as prepared statements on PostgreSQL (core/dbcursor.py); the rest as before."""

import datetime
from decimal import Decimal

import pghistory
import pytest
from django.db import connection
from django.db.models import Count, Value
from django.db.models.functions import TruncMonth
from psycopg import sql

from candidates.models import Candidate
from core.dbcursor import MAX_SERVER_PARAMS, PreparingCursor, prepareable, use_prepared_reads
from tests.conftest import World


@pytest.mark.parametrize(
    ("query", "params", "expected"),
    [
        ('SELECT "a" FROM "t" WHERE "id" = %s', (1,), True),
        ('  select "a" FROM "t"', None, True),
        (b'SELECT "a" FROM "t" WHERE "id" = %s', (1,), True),
        ('INSERT INTO "t" ("a") VALUES (%s)', (1,), False),
        ('UPDATE "t" SET "a" = %s', (1,), False),
        ("WITH x AS (SELECT 1) SELECT * FROM x", None, False),
        ('SELECT set_config(\'a\', %s, true); UPDATE "t" SET "a" = 1', ("x",), False),
        ('SELECT "a", COUNT(*) FROM "t" GROUP BY "a"', None, False),
        ("SAVEPOINT s1", None, False),
        ('SELECT "a" FROM "t" WHERE "id" IN %s', tuple(range(MAX_SERVER_PARAMS + 1)), False),
        (sql.SQL("SELECT 1"), None, False),
    ],
)
def test_which_statements_are_prepared(query: object, params: object, expected: bool) -> None:
    assert prepareable(query, params) is expected  # type: ignore[arg-type]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_read_run_twice_is_prepared_and_writes_are_not() -> None:
    connection.ensure_connection()
    assert isinstance(connection.cursor().cursor, PreparingCursor)
    for _ in range(3):
        list(Candidate.objects.filter(status="applied").values_list("pk")[:5])
    statements = prepared_statements()
    assert any('FROM "candidates_candidate"' in s and "$1" in s for s in statements), statements
    assert not any(s.lstrip().upper().startswith(("INSERT", "UPDATE")) for s in statements)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_read_gives_the_same_rows_and_types_prepared_or_not(world: World) -> None:
    query = (
        'SELECT %s::numeric, %s::date, %s::timestamptz, %s::jsonb, %s::int[], "id" '
        'FROM "core_organisation" WHERE "id" = %s'
    )
    params = [
        Decimal("12.50"),
        datetime.date(2026, 12, 5),
        datetime.datetime(2026, 12, 5, 9, 30, tzinfo=datetime.UTC),
        '{"a": [1, 2]}',
        [1, 2, 3],
        world.operator.pk,
    ]
    assert prepareable(query, params)
    rows = []
    for _ in range(4):  # the last runs use the prepared statement
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows.append(cursor.fetchall())
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1; " + query, params)  # client-side binding (two statements)
        cursor.nextset()
        plain = cursor.fetchall()
    assert all(r == plain for r in rows), (rows, plain)
    assert (
        plain[0][0] == Decimal("12.50") and plain[0][3] == '{"a": [1, 2]}'
    )  # Django reads json as text


@pytest.mark.postgres
@pytest.mark.django_db
def test_grouping_with_parameters_and_constants_still_work(world: World) -> None:
    by_month = (
        Candidate.objects.annotate(month=TruncMonth("created_at"), kind=Value("x"))
        .values("month", "kind")
        .annotate(n=Count("pk"))
    )
    for _ in range(3):
        rows = list(by_month)
        assert sum(r["n"] for r in rows) == Candidate.objects.count()
        assert all(r["kind"] == "x" for r in rows)


@pytest.mark.postgres
@pytest.mark.django_db
def test_writes_in_a_history_context_are_recorded_with_it(world: World) -> None:
    candidate = Candidate.objects.first()
    assert candidate is not None
    with pghistory.context(user=world.users["lead"].pk, url="/test/"):  # type: ignore[union-attr]
        for name in ("Ada", "Ida"):
            Candidate.objects.filter(pk=candidate.pk).update(given_name=name)
            assert Candidate.objects.get(pk=candidate.pk).given_name == name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pghistory_context WHERE metadata->>'url' = %s", ["/test/"]
        )
        assert cursor.fetchone()[0] == 1


def test_off_by_setting_and_off_the_sqlite_default() -> None:
    class Fake:
        vendor = "postgresql"
        settings_dict = {"PREPARED_READS": False}

        class connection:  # noqa: N801 - stands in for the psycopg connection
            cursor_factory = None

        class ops:  # noqa: N801 - stands in for the backend's operations
            @staticmethod
            def last_executed_query(cursor: object, sql: str, params: object) -> str:
                return sql

            @staticmethod
            def compose_sql(sql: str, params: object) -> str:
                return sql

    use_prepared_reads(None, Fake)
    assert Fake.connection.cursor_factory is None
    Fake.vendor = "sqlite"
    Fake.settings_dict = {"PREPARED_READS": True}
    use_prepared_reads(None, Fake)
    assert Fake.connection.cursor_factory is None
    Fake.vendor = "postgresql"
    use_prepared_reads(None, Fake)
    assert Fake.connection.cursor_factory is PreparingCursor


@pytest.mark.postgres
@pytest.mark.django_db
def test_captured_queries_show_a_prepared_reads_values() -> None:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        for _ in range(4):
            list(Candidate.objects.filter(pk=987654, given_name="Zoë"))
    for query in captured.captured_queries:
        assert "$1" not in query["sql"] and "QUERY" not in query["sql"], query["sql"]
        assert " = 987654" in query["sql"] and " = 'Zoë'" in query["sql"], query["sql"]
    assert any("987654" in s for s in prepared_statements()) is False  # prepared with $1
