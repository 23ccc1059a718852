"""The accessibility statement says what the product does: when the facts it names change, this
fails, so the statement is corrected with them."""

import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

from reports import pdf
from tests.conftest import World


def statement(client: Client) -> str:
    response = client.get(reverse("core:accessibility"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_statement_names_target_tests_limitations_and_contact(db) -> None:  # type: ignore[no-untyped-def]
    text = statement(Client())
    for needed in [
        "WCAG) 2.1 at levels A and AA",
        "forskrift om universell utforming",
        "axe-core",
        "Nu HTML Checker",
        "keyboard alone",
        "390 CSS pixels",
        "Known limitations",
        "uustatus.no",
        "uutilsynet.no",
        '<time datetime="',
    ]:
        assert needed in text, needed


def test_statement_matches_the_product(db) -> None:  # type: ignore[no-untyped-def]
    text = statement(Client())
    # PDFs: archival PDF/A-3b, and no tagging asked of WeasyPrint (no PDF/UA).
    assert pdf.PDF_VARIANT == "pdf/a-3b" and "PDF/A-3b" in text
    assert "not tagged PDFs (PDF/UA)" in text
    source = Path(pdf.__file__).read_text(encoding="utf-8")
    assert "pdf_tags" not in source and "pdf/ua" not in source.lower()
    # The idle timeout and its warning a minute before (tests/accounts/test_idle_timeout.py).
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60 and "after 30 minutes without activity" in text
    assert settings.SESSION_IDLE_WARNING == 60 and "A minute before, a dialog warns you" in text
    assert "without a warning first" not in text
    # Charts have their table.
    assert "in a table under each chart" in text


def test_logged_in_people_are_told_their_operator(world: World) -> None:
    text = statement(world.client_for("coordinator"))
    assert "tell Testby kommune, which runs your programme" in text
