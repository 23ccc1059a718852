"""Check 13: a marker name and a synthetic national id never reach logs, redirect URLs or
e-mail headers while a lead works with the candidate (ASVS 14.2.1, 16.2.5)."""

import datetime
import logging

import pytest
from django.core import mail
from django.urls import reverse

from candidates.demo import synthetic_fnr
from candidates.models import Candidate
from placements.services import placement_create
from tests.conftest import World

GIVEN, FAMILY = "Canaryname", "Zxqv"
MARKERS_NAME = ("Canaryname", "Zxqv", "canaryname", "zxqv")


def canary_fnr() -> str:
    birth = datetime.date(1991, 4, 12)
    for n in range(1, 1000):
        fnr = synthetic_fnr(birth, n)
        if fnr:
            return fnr
    raise AssertionError("no synthetic id")


def leaks(text: str, fnr: str) -> list[str]:
    return [m for m in (*MARKERS_NAME, fnr) if m in text]


def record_text(record: logging.LogRecord) -> str:
    """Everything a handler could write: message, arguments, traceback and extra fields."""
    exc = ""
    if record.exc_info and record.exc_info[1] is not None:
        exc = f"{record.exc_info[1]!s} {record.exc_info[1]!r}"
    return (
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''} {exc} {record.__dict__!r}"
    )


def test_canary_name_and_id_stay_out_of_logs_urls_and_mail_headers(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.request", "django.security", "celery", "core", "candidates"):
        caplog.set_level(logging.DEBUG, logger=name)
    fnr = canary_fnr()
    client = world.client_for("lead")
    seen: list[tuple[str, str]] = []  # (request, Location) of every redirect

    def drive(method: str, url: str, data: dict | None = None, ok=(200, 302)):  # type: ignore[no-untyped-def]
        response = getattr(client, method)(url, data or {})
        assert response.status_code in ok, (method, url, response.status_code)
        if response.has_header("Location"):
            seen.append((url, response["Location"]))
        return response

    drive(
        "post",
        reverse("candidates:create"),
        {"given_name": GIVEN, "family_name": FAMILY, "national_id": fnr, "status": "active"},
    )
    candidate = Candidate.objects.get(given_name=GIVEN, family_name=FAMILY)
    assert candidate.national_id == fnr, "the canary id was not stored; the test proves nothing"

    detail = reverse("candidates:detail", kwargs={"pk": candidate.pk})
    assert GIVEN in drive("get", reverse("candidates:list")).content.decode()
    drive("get", detail)
    drive("get", reverse("candidates:edit", kwargs={"pk": candidate.pk}))
    drive(
        "post",
        reverse("candidates:edit", kwargs={"pk": candidate.pk}),
        {"given_name": GIVEN, "family_name": FAMILY, "phone": "40000000", "status": "active"},
    )
    drive("post", reverse("candidates:find"), {"national_id": fnr})
    drive("post", reverse("candidates:reveal_id", kwargs={"pk": candidate.pk}))

    placement = placement_create(
        candidate=candidate,
        programme=world.objects["programme"],
        cohort=world.objects["cohort"],
        host_unit=world.objects["host_unit"],
        starts_on=datetime.date(2027, 3, 2),
        planned_end=datetime.date(2028, 3, 1),
        by=world.users["lead"],
    )
    drive("get", reverse("placements:list"))
    drive("get", reverse("placements:detail", kwargs={"pk": placement.pk}))
    drive("post", reverse("placements:start", kwargs={"pk": placement.pk}))

    assert any(loc for _, loc in seen), "no redirect was exercised"
    for url, location in seen:
        assert not leaks(location, fnr), f"redirect after {url} leaks: {location}"
    # django.template logs failed variable lookups at DEBUG with the whole context (names
    # included) in the exception text; test_template_debug_logging_is_capped covers that.
    records = [r for r in caplog.records if not r.name.startswith("django.template")]
    leaking = sorted({r.name for r in records if leaks(record_text(r), fnr)})
    assert leaking == [], f"log records leak the canary: {leaking}"
    for message in mail.outbox:
        headers = " ".join(f"{k}: {v}" for k, v in message.message().items())
        assert not leaks(headers, fnr), "e-mail header leaks"


def test_template_debug_logging_is_capped() -> None:
    """Even with LOG_LEVEL=DEBUG, django.template must not write its context-laden DEBUG records."""
    from config.settings import base

    level = base.LOGGING["loggers"].get("django.template", {}).get("level", "NOTSET")
    assert logging.getLevelName(level) > logging.DEBUG
