"""Dates, numbers and names on the pages follow the reader's language, and candidate lists sort
names in Norwegian alphabetical order.

The project's formats are Django's own for "nb" and "en" (no FORMAT_MODULE_PATH): a short date is
23.11.2026 in bokmål and 11/23/2026 in English, the long one 23. november 2026 and Nov. 23, 2026,
and a decimal has a comma in bokmål. Many templates print ``|date:"j. F Y"`` on purpose; there the
month name follows the language while the order stays Norwegian (23. November 2026 in English).
"""

import datetime
import re

import pytest
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


@pytest.mark.parametrize(("lang", "short_date"), [("nb", "02.03.2027"), ("en", "03/02/2027")])
def test_programme_list_shows_short_dates_for_the_language(
    world: World, lang: str, short_date: str
) -> None:
    assert world.objects["programme"].starts_on == datetime.date(2027, 3, 2)
    text = page_text(world, "lead", lang, reverse("programs:programme_list"))
    assert f"{short_date}–" in text


@pytest.mark.parametrize(
    ("lang", "hours", "start"),
    [("nb", "37,5", "2. mars 2027"), ("en", "37.5", "2. March 2027")],
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
    other = "37.5" if lang == "nb" else "37,5"
    assert f">{other}</dd>" not in text


@pytest.mark.parametrize(
    ("lang", "long_date"), [("nb", "29. november 2026"), ("en", "Nov. 29, 2026")]
)
def test_accessibility_statement_is_dated_in_the_language(
    world: World, lang: str, long_date: str
) -> None:
    assert datetime.date(2026, 11, 29) == STATEMENT_DATE
    text = page_text(world, "anon", lang, reverse("core:accessibility"))
    assert f'<time datetime="2026-11-29">{long_date}</time>' in text


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
