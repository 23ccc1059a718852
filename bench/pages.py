"""List pages at one connection: the page through Django (test Client, production settings, the
bench database), the same page's SQL re-run raw with psycopg, and the stock admin changelist."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

WARMUP = 10
RUNS = 100


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Timing:
    p50: float
    p95: float
    runs: int

    @classmethod
    def of(cls, samples: list[float]) -> "Timing":
        return cls(statistics.median(samples), percentile(samples, 0.95), len(samples))


def timed(action: Callable[[], object], runs: int = RUNS, warmup: int = WARMUP) -> Timing:
    """Milliseconds per call of ``action`` after ``warmup`` calls."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing.of(samples)


def get(client: Client, url: str) -> bytes:
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response.content


def captured(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        get(client, url)
    return [q["sql"] for q in context.captured_queries]


def raw_runner(url: str, statements: list[str]) -> Callable[[], None]:
    """Re-run a page's statements on a plain psycopg connection, in a transaction rolled back
    at the end (a page that writes an access-log entry writes it here too, and keeps nothing)."""
    conn = psycopg.connect(url)
    work = [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]

    def run() -> None:
        with conn.cursor() as cursor:
            for sql in work:
                cursor.execute(sql.encode())
                if cursor.description is not None:
                    cursor.fetchall()
        conn.rollback()

    return run


@dataclass
class PageResult:
    name: str
    url: str
    page: Timing
    raw: Timing
    queries: int
    queries_later_page: int | None
    admin: Timing | None = None
    admin_url: str = ""
    admin_queries: int = 0
    bytes: int = 0
    sql: list[str] = field(default_factory=list)


def measure_page(
    name: str,
    client: Client,
    url: str,
    *,
    later_page: str | None,
    admin_client: Client | None = None,
    admin_url: str = "",
    runs: int = RUNS,
) -> PageResult:
    body = get(client, url)
    sql = captured(client, url)
    later = len(captured(client, later_page)) if later_page else None
    database_url = settings.DATABASES["default"]
    dsn = psycopg.conninfo.make_conninfo(
        dbname=database_url["NAME"],
        user=database_url["USER"],
        host=database_url["HOST"],
        port=database_url["PORT"],
        password=database_url["PASSWORD"] or None,
    )
    result = PageResult(
        name=name,
        url=url,
        page=timed(lambda: get(client, url), runs=runs),
        raw=timed(raw_runner(dsn, sql), runs=runs),
        queries=len(sql),
        queries_later_page=later,
        bytes=len(body),
        sql=sql,
    )
    if admin_client is not None and admin_url:
        result.admin_url = admin_url
        result.admin_queries = len(captured(admin_client, admin_url))
        result.admin = timed(lambda: get(admin_client, admin_url), runs=max(20, runs // 4))
    return result
