"""People's names: one normal form for storage, one folding for search, one sort order.

- Stored names are NFC: a name typed or pasted in decomposed form (NFD: "A" + combining ring)
  is the same name as the composed one ("Å"), and must compare, search and sort as it.
- Search folds a name and the query the same way (``fold``): case, accents and other combining
  marks (Latin, Greek tonos, Arabic harakat and hamza above or below alef), the Arabic letter
  variants written differently in different countries (ي/ی/ى, ك/ک, ة/ه, ٱ, lone ء), and the
  Norwegian letters to the digraphs people type without them (ø → oe, æ → ae, å → aa).
- Lists of people sort in Norwegian alphabetical order (Æ Ø Å after Z, "Aa" as "Å") with ICU's
  collation on PostgreSQL (``person_order``); SQLite, which has no ICU, sorts by code point.
"""

import unicodedata

from django.db.models import OrderBy
from django.db.models.functions import Collate
from django.utils.deconstruct import deconstructible

NORWEGIAN_COLLATION = "nb-NO-x-icu"
# Fields that hold (part of) a person's name, on any model; a list sorted by one of them sorts
# through ``person_order`` (tests/test_architecture.py finds any order that does not).
PERSON_NAME_FIELDS = frozenset(
    {
        "family_name", "given_name", "family_name_latin", "given_name_latin", "preferred_name",
        "first_name", "last_name", "username", "holder_name", "referee_name", "full_name",
    }
)  # fmt: skip

# After the combining marks are gone (أ إ آ ؤ ئ are letter + hamza/madda above or below).
_LETTERS = str.maketrans(
    {
        "ی": "ي",  # Persian yeh
        "ى": "ي",  # alef maksura
        "ک": "ك",  # Persian keheh
        "ة": "ه",  # teh marbuta
        "ٱ": "ا",  # alef wasla
        "ء": "",  # a lone hamza
        "ـ": "",  # tatweel, a stretch of the line
        "ø": "oe",
        "æ": "ae",
        "å": "aa",
    }
)


def nfc(text: str) -> str:
    """The composed (NFC) form in which every name is stored."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """The form in which names and queries are compared: equal for the spellings above."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare)


@deconstructible(path="core.names.Norwegian")
class Norwegian(Collate):
    """A text column in Norwegian alphabetical order: ICU's collation on PostgreSQL, the column
    as it is elsewhere (SQLite has no ICU)."""

    def __init__(self, expression: str) -> None:
        super().__init__(expression, NORWEGIAN_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):  # type: ignore[no-untyped-def]
        return compiler.compile(self.get_source_expressions()[0])


def person_order(*fields: str, descending: bool = False) -> list[OrderBy]:
    """ORDER BY for a list sorted by a person's name; the one way every such list sorts."""
    return [Norwegian(f).desc() if descending else Norwegian(f).asc() for f in fields]


def user_order(prefix: str = "", descending: bool = False) -> list[OrderBy]:
    """Users (staff, supervisors, mentors) by family name, given name, then login."""
    fields = ("last_name", "first_name", "username")
    return person_order(*(prefix + f for f in fields), descending=descending)
