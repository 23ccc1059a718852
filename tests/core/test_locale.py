"""Dates, numbers and names on the pages follow the reader's language, and candidate lists sort
names in Norwegian alphabetical order.

Templates print named formats only (``|date:"DATE_FORMAT"``, ``"SHORT_DATE_FORMAT"``, …), which
config/formats/<lang>/formats.py set per language: the long date is 23. november 2026 in bokmål
and nynorsk and 23 November 2026 in English, the short one 23. nov 2026 and 23 Nov 2026. A decimal
has a comma in bokmål and nynorsk (Django's own formats).
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.views import STATEMENT_DATE
from tests.conftest import World
from tests.factories import CandidateFactory


def page_text(world: World, role: str, lang: str, url: str) -> str:
    response = world.client_for(role, HTTP_ACCEPT_LANGUAGE=lang).get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize(
    ("lang", "short_date"), [("nb", "2. mar 2027"), ("nn", "2. mars 2027"), ("en", "2 Mar 2027")]
)
def test_programme_list_shows_short_dates_for_the_language(
    world: World, lang: str, short_date: str
) -> None:
    assert world.objects["programme"].starts_on == datetime.date(2027, 3, 2)
    text = page_text(world, "lead", lang, reverse("programs:programme_list"))
    assert f"{short_date}–" in text


@pytest.mark.parametrize(
    ("lang", "hours", "start"),
    [
        ("nb", "37,5", "2. mars 2027"),
        ("nn", "37,5", "2. mars 2027"),
        ("en", "37.5", "2 March 2027"),
    ],
)
def test_placement_shows_decimal_and_month_name_for_the_language(
    world: World, lang: str, hours: str, start: str
) -> None:
    placement = world.objects["placement"]
    assert placement.starts_on == datetime.date(2027, 3, 2)
    assert str(placement.hours_per_week) == "37.5"
    url = reverse("placements:detail", kwargs={"pk": placement.pk})
    text = page_text(world, "lead", lang, url)
    assert re.search(rf"<dd[^>]*>{re.escape(hours)}</dd>", text), hours
    assert f">{start}</dd>" in text
    other = "37,5" if lang == "en" else "37.5"
    assert f">{other}</dd>" not in text


@pytest.mark.parametrize(
    ("lang", "long_date"),
    [("nb", "29. november 2026"), ("nn", "29. november 2026"), ("en", "29 November 2026")],
)
def test_accessibility_statement_is_dated_in_the_language(
    world: World, lang: str, long_date: str
) -> None:
    assert datetime.date(2026, 11, 29) == STATEMENT_DATE
    text = page_text(world, "anon", lang, reverse("core:accessibility"))
    assert f'<time datetime="2026-11-29">{long_date}</time>' in text


def test_no_template_hard_codes_a_date_pattern_with_words() -> None:
    """A pattern such as "j. F Y" would print a Norwegian day order on English pages; templates
    use the named formats. Purely numeric ISO dates (Y-m-d, for datetime attributes and sortable
    report columns) read the same in every language and stay."""
    allowed = {"Y-m-d", "Y-m-d H:i", r"Y-m-d\TH:i:sO"}
    found = set()
    for path in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        for pattern in re.findall(r"""\|date:["']([^"']+)["']""", path.read_text()):
            if not pattern.endswith("FORMAT") and pattern not in allowed:
                found.add((path.name, pattern))
    assert found == set()


def test_names_in_right_to_left_scripts_are_isolated(world: World) -> None:
    """An Arabic name is wrapped in <bdi dir="auto">, so it cannot reorder the text around it."""
    CandidateFactory(operator=world.operator, given_name="محمد", family_name="حسين")
    text = page_text(world, "lead", "nb", reverse("candidates:list") + "?q=محمد")
    assert '<bdi dir="auto">حسين, محمد</bdi>' in text


# Æ, Ø and Å come after Z, in that order, and "Aa" is sorted as "Å" (ICU's Norwegian rules).
NORWEGIAN_ORDER = ["Andersen", "Berg", "Zahl", "Ærø", "Øyen", "Aamodt", "Åsen"]


def listed_family_names(world: World, query: str) -> list[str]:
    html = world.client_for("lead").get(reverse("candidates:list") + query).content.decode()
    return re.findall(r'<bdi dir="auto">([^<,]+), Sorteringstest</bdi>', html)


@pytest.mark.postgres
def test_candidate_list_sorts_names_in_norwegian_order(world: World) -> None:
    for family in ["Øyen", "Zahl", "Åsen", "Andersen", "Aamodt", "Ærø", "Berg"]:
        CandidateFactory(operator=world.operator, given_name="Sorteringstest", family_name=family)
    assert listed_family_names(world, "?q=sorteringstest") == NORWEGIAN_ORDER
    descending = listed_family_names(world, "?q=sorteringstest&order=-name")
    assert descending == NORWEGIAN_ORDER[::-1]
