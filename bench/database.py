"""The benchmark database: created if missing, migrated, and seeded unless it already holds data
of the requested size (seeding at national size takes minutes; a reused database takes none).

Runs before Django is set up for the benchmarks, as subprocesses of manage.py, so a reseed starts
from a freshly created database.
"""

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg

SCALES = {
    "national": {"operators": 400, "candidates": 200_000, "notes": 2_000_000},
    "small": {"operators": 20, "candidates": 10_000, "notes": 100_000},
}
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/springbrett_bench"


def _admin_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in {"springbrett", "postgres"}:
        raise SystemExit(f"Refusing to benchmark on the database {name!r}: give a bench database.")
    return urlunsplit(parts._replace(path="/postgres")), name


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, check=True)  # noqa: S603


def seeded_size(url: str) -> dict | None:  # type: ignore[type-arg]
    """The size recorded by seed_scale in the database, or None (no database, or unseeded)."""
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute(
                "SELECT data FROM core_auditentry WHERE action = 'core.seed_scale' "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
    except psycopg.Error:
        return None
    return row[0] if row else None


def prepare(url: str, scale: str, env: dict[str, str], log=print) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """Make ``url`` a migrated database seeded at ``scale``; return the seeded size."""
    wanted = SCALES[scale]
    admin, name = _admin_url(url)
    have = seeded_size(url)
    if have and all(have.get(k) == v for k, v in wanted.items()):
        log(f"Reusing {name}: already seeded at {scale} size ({have}).")
        _manage(env, "migrate", "--noinput", "-v", "0")
        _figures(url, env, log)
        return have
    if "bench" not in name:
        raise SystemExit(
            f"{name} is not seeded at {scale} size, and a database is only created or dropped "
            "here when its name says bench (DATABASE_URL=…/springbrett_bench)."
        )
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            log(f"Recreating {name} (seeded: {have}, wanted: {scale}).")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    _manage(env, "migrate", "--noinput", "-v", "0")
    log(f"Seeding {name} at {scale} size: {wanted}")
    _manage(
        env,
        "seed_scale",
        f"--operators={wanted['operators']}",
        f"--candidates={wanted['candidates']}",
        f"--notes={wanted['notes']}",
    )
    have = seeded_size(url)
    assert have, "seed_scale left no marker"
    _figures(url, env, log)
    return have


def _figures(url: str, env: dict[str, str], log) -> None:  # type: ignore[no-untyped-def]
    """The seed writes with COPY, past the services: count the stored dashboard figures once."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT EXISTS (SELECT 1 FROM reports_storedfigures)").fetchone()
    if not (row and row[0]):
        log("Counting the stored dashboard figures of every programme")
        _manage(env, "recompute_figures")


def environment(url: str) -> dict[str, str]:
    """The environment the benchmarks run with: production settings on the bench database."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=url,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4"),
        LOG_LEVEL="WARNING",
    )
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-" + os.urandom(24).hex())
    return env
