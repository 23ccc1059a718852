"""``|date`` that reads each format once (a template builtin: every template has it).

List pages format one or two dates per row: 25 to 50 calls of Django's ``date`` filter, about
15 µs each, most of it splitting the format string with a regular expression on every call. This
filter splits each format once and formats a plain ``datetime.date`` from the kept pieces with
Django's own ``DateFormat`` (about 5 µs). Anything else (datetimes with their time zones, text,
a format with a time specifier, which Django refuses for dates) goes to Django's filter unchanged,
so the result is always what Django's ``|date`` gives.
"""

import datetime

from django.template import Library
from django.template.defaultfilters import date as django_date
from django.utils import formats
from django.utils.dateformat import DateFormat, TimeFormat, re_escaped, re_formatchars

register = Library()

# (True, specifier) or (False, literal text), in the order Django's Formatter.format reads them.
Pieces = tuple[tuple[bool, str], ...]
# None: the format has a time specifier (Django raises for a date; let it).
_pieces: dict[str, Pieces | None] = {}
MAX_FORMATS = 512


def pieces_of(format_string: str) -> Pieces | None:
    """The format split into specifiers and literal text, once per format string."""
    try:
        return _pieces[format_string]
    except KeyError:
        pass
    pieces: list[tuple[bool, str]] = []
    for i, piece in enumerate(re_formatchars.split(format_string)):
        if i % 2:
            pieces.append((True, piece))
        elif piece:
            pieces.append((False, re_escaped.sub(r"\1", piece)))
    result = None if any(s and hasattr(TimeFormat, p) for s, p in pieces) else tuple(pieces)
    if len(_pieces) < MAX_FORMATS:  # formats come from templates and settings: a handful
        _pieces[format_string] = result
    return result


@register.filter(expects_localtime=True, is_safe=False)
def date(value: object, arg: str | None = None) -> str:
    """Django's ``date`` filter, with plain dates formatted from pre-split formats."""
    if type(value) is not datetime.date:
        return django_date(value, arg)  # type: ignore[arg-type]  # anything, as Django takes it
    pieces = pieces_of(str(formats.get_format(arg or "DATE_FORMAT")))
    if pieces is None:
        return django_date(value, arg)
    formatter = DateFormat(value)
    return "".join([str(getattr(formatter, p)()) if spec else p for spec, p in pieces])
