"""Production settings refuse to start without their secrets and pass the deploy checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 60 + "production-like-secret-key-0123456789",
    "DATABASE_URL": "postgres://springbrett@127.0.0.1:5432/springbrett",
    "ALLOWED_HOSTS": "springbrett.example.no",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_check_deploy_with_zero_findings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Production needs the environment variable {missing}" in result.stderr


def test_defaults_are_bokmal_and_oslo_time() -> None:
    assert settings.LANGUAGE_CODE == "nb"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "nn", "en"]
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert settings.USE_TZ is True


def test_font_subsetting_is_quiet_at_info() -> None:
    """WeasyPrint's font subsetting (fontTools) logs each table it prunes at INFO: `make demo`
    printed a page of it. Only its warnings and errors reach the console."""
    import logging

    for name in ("fontTools", "fontTools.subset", "fontTools.ttLib"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING, name


@pytest.mark.parametrize(
    ("redis", "expected"),
    [
        (
            "redis://127.0.0.1:6379/0",
            "True django.contrib.sessions.backends.cached_db core.cache.RedisCache",
        ),
        (
            "",
            "False django.contrib.sessions.backends.db "
            "django.core.cache.backends.locmem.LocMemCache",
        ),
    ],
)
def test_production_keeps_sessions_and_memberships_in_a_cache_only_a_shared_one(
    redis: str, expected: str
) -> None:
    """A cache per process cannot tell the other workers that a session ended or a membership
    changed: without Redis both are read from the database."""
    code = (
        "from django.conf import settings as s; "
        "print(s.MEMBERSHIP_CACHE, s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])"
    )
    result = manage("shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": redis})
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr
