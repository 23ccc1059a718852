"""``|date`` with pre-split formats (core/templatetags/fastdate.py) gives what Django's gives."""

import datetime

import pytest
from django.template import Context, Engine, engines
from django.template.defaultfilters import date as django_date
from django.utils import translation

from core.templatetags import fastdate

FAST = Engine(builtins=["core.templatetags.fastdate"])
PLAIN = Engine()
LANGUAGES = ["nb", "nn", "en"]
# The formats the templates use, every date specifier with literal and escaped text, and
# formats with time specifiers (Django refuses those for a date; so must this filter).
FORMATS = [
    None,
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
    "Y-m-d",
    "d.m.Y",
    "j. F Y",
    r"l \d\e\n j. E Y",
    "D, N jS b y M n w z W o t L U",
    r"\Y\-\m: Y-m",
    "",
    "unknown words",
    r"Y-m-d\TH:i:sO",
    "SHORT_DATETIME_FORMAT",
    "DATETIME_FORMAT",
    "TIME_FORMAT",
]
DATES = [datetime.date(2024, 1, 1) + datetime.timedelta(days=n) for n in range(0, 800, 17)] + [
    datetime.date(1, 1, 1),
    datetime.date(2024, 2, 29),
    datetime.date(9999, 12, 31),
]


def outcome(function, value: object, arg: str | None) -> str:  # type: ignore[no-untyped-def]
    try:
        return function(value, arg)
    except Exception as error:  # noqa: BLE001 - the error itself is what is compared
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_and_format_as_django_formats_it(language: str) -> None:
    compared = 0
    with translation.override(language):
        for arg in FORMATS:
            for value in DATES:
                assert outcome(fastdate.date, value, arg) == outcome(django_date, value, arg), (
                    language,
                    arg,
                    value,
                )
                compared += 1
    assert compared == len(FORMATS) * len(DATES)


def test_a_time_specifier_is_refused_for_a_date_like_django() -> None:
    with pytest.raises(TypeError, match="time-related"):
        fastdate.date(datetime.date(2026, 3, 14), "Y-m-d H:i")
    assert fastdate.pieces_of("Y-m-d H:i") is None


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "2026-03-14",
        42,
        datetime.datetime(2026, 3, 14, 9, 30, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 14, 23, 30),
        datetime.time(9, 30),
    ],
)
@pytest.mark.parametrize("arg", ["DATE_FORMAT", "SHORT_DATETIME_FORMAT", "Y-m-d", "H:i", None])
def test_everything_but_a_plain_date_goes_to_django(value: object, arg: str | None) -> None:
    with translation.override("nb"):
        assert outcome(fastdate.date, value, arg) == outcome(django_date, value, arg)


def test_month_names_follow_the_active_language() -> None:
    value = datetime.date(2026, 3, 14)
    with translation.override("nb"):
        norwegian = fastdate.date(value, "j. F Y")
    with translation.override("en"):
        english = fastdate.date(value, "j. F Y")
    assert (norwegian, english) == ("14. mars 2026", "14. March 2026")


@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_render_alike_with_local_time(language: str, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TIME_ZONE = "Europe/Oslo"
    source = (
        '{{ d|date }} {{ d|date:"SHORT_DATE_FORMAT" }} {{ d|date:"Y-m-d" }} '
        '{{ t|date:"SHORT_DATETIME_FORMAT" }} {{ t|date:"Y-m-d" }} {{ missing|date }}'
    )
    context = {
        "d": datetime.date(2026, 12, 31),
        "t": datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC),  # 1 January in Oslo
    }
    with translation.override(language):
        fast = FAST.from_string(source).render(Context(context))
        plain = PLAIN.from_string(source).render(Context(context))
    assert fast == plain
    assert "2027-01-01" in fast  # the datetime was shown in local time


def test_the_app_templates_use_it() -> None:
    engine = engines["django"].engine  # type: ignore[attr-defined]
    assert engine.from_string("{{ d|date }}").nodelist[0].filter_expression.filters[0][0] is (
        fastdate.date
    )
