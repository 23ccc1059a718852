"""``{% own_script name languages %}``: a person's name as written, in a ``<bdi>`` with the
``lang`` of the script it is written in (the person's own language where known) and its
direction, so screen readers pronounce it and right-to-left names do not scramble the line.

    {% load people %}
    {% own_script candidate.preferred_name|default:candidate.given_name candidate.other_languages %}
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django_countries import countries

from core.names import name_language

register = template.Library()


@register.simple_tag
def own_script(name: str, languages: list[str] | None = None) -> SafeString:
    lang, direction = name_language(name or "", languages)
    if lang is None:
        return format_html('<bdi dir="{}">{}</bdi>', direction, name)
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', lang, direction, name)


_COUNTRY_NAMES: dict[str, dict[str, str]] = {}


@register.filter
def country_name(code: str) -> str:
    """The country's name in the active language from its code (a list shows one per row: the
    names are made once per language instead of a country object per row)."""
    language = get_language() or ""
    names = _COUNTRY_NAMES.get(language)
    if names is None:
        names = _COUNTRY_NAMES[language] = {str(c): str(n) for c, n in countries}
    return names.get(str(code or ""), "")
