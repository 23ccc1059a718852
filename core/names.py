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

from django.db.models import F, OrderBy, Value
from django.db.models.functions import Coalesce, Collate, Concat, NullIf, Trim
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


def full_name(prefix: str = "") -> Trim:
    """A user's ``get_full_name()`` computed in the query ("" for none, or no user)."""
    return Trim(Concat(F(prefix + "first_name"), Value(" "), F(prefix + "last_name")))


def user_name(prefix: str = "") -> Coalesce:
    """A user's name as ``str(user)`` gives it (full name, else login), computed in the query, so
    a list row needs no user object: ``annotate(author_name=user_name("author__"))``."""
    return Coalesce(NullIf(full_name(prefix), Value("")), F(prefix + "username"))


# --- Names in their own script --------------------------------------------------------------

# Unicode character-name prefixes to ISO 15924 script codes (the scripts names come in here).
_SCRIPTS = {
    "ARABIC": "Arab", "ARMENIAN": "Armn", "BENGALI": "Beng", "CJK": "Hani", "CYRILLIC": "Cyrl",
    "DEVANAGARI": "Deva", "ETHIOPIC": "Ethi", "GEORGIAN": "Geor", "GREEK": "Grek",
    "GURMUKHI": "Guru", "HANGUL": "Hang", "HEBREW": "Hebr", "HIRAGANA": "Jpan", "KATAKANA": "Jpan",
    "KHMER": "Khmr", "LATIN": "Latn", "MYANMAR": "Mymr", "SYRIAC": "Syrc", "TAMIL": "Taml",
    "THAANA": "Thaa", "THAI": "Thai", "TIBETAN": "Tibt",
}  # fmt: skip
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})
# The script each language is usually written in, to pick the person's language for a name.
_LANGUAGE_SCRIPTS = {
    "am": "Ethi", "ar": "Arab", "bn": "Beng", "ckb": "Arab", "el": "Grek", "fa": "Arab",
    "he": "Hebr", "hi": "Deva", "hy": "Armn", "ka": "Geor", "ko": "Hang", "ku": "Arab",
    "my": "Mymr", "ne": "Deva", "pa": "Guru", "prs": "Arab", "ps": "Arab", "ru": "Cyrl",
    "ta": "Taml", "th": "Thai", "ti": "Ethi", "uk": "Cyrl", "ur": "Arab", "zh": "Hani",
}  # fmt: skip


def script_of(text: str) -> str | None:
    """The ISO 15924 code of the script most of the letters are in, or None without letters."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        prefix = unicodedata.name(char, "").split(" ")[0]
        script = _SCRIPTS.get(prefix, "Zyyy")
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else None


def name_language(name: str, languages: list[str] | None = None) -> tuple[str | None, str]:
    """``(lang, dir)`` for showing a name as written: the first of the person's languages written
    in the name's script (else the script alone, as ``und-<Script>``); None for Latin names, which
    read in the page's language; ``dir`` is rtl for right-to-left scripts, else ltr."""
    script = script_of(name)
    direction = "rtl" if script in RTL_SCRIPTS else "ltr"
    if script in (None, "Latn", "Zyyy"):
        return None, direction
    for code in languages or []:
        if _LANGUAGE_SCRIPTS.get(str(code).lower()) == script:
            return str(code).lower(), direction
    return f"und-{script}", direction
