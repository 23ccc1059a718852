"""``make bench``: prepare the bench database, measure everything in one run, print the table and
write it to docs/performance.md. BENCH_SCALE=national (default) or small; DATABASE_URL names the
bench database (default postgres://postgres@127.0.0.1:5432/springbrett_bench)."""

import os
import subprocess
import sys

from .database import DEFAULT_URL, SCALES, environment, prepare


def log(message: str) -> None:
    print(message, flush=True)


def main() -> None:
    scale = os.environ.get("BENCH_SCALE", "national")
    if scale not in SCALES:
        raise SystemExit(f"BENCH_SCALE must be one of {', '.join(SCALES)}")
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    env = environment(url)
    size = prepare(url, scale, env, log=log)
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
    )
    os.environ.update(env)

    import django

    django.setup()
    from .measure import run

    run(env, size, scale, log=log)


if __name__ == "__main__":
    main()
