"""Norwegian personal identifiers: generated numbers, known vectors, error codes and privacy.

The check-digit and century rules are written out again here from the published rules
(Skatteetaten for fødselsnummer and the 2032 change, UDI for DUF), so that a bug copied
into both places would have to be made twice. python-stdnum is an oracle for the classic
subset only: it knows neither synthetic numbers nor the 2032 rule.
"""

import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, event, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from stdnum.no import fodselsnummer as stdnum_fnr

from candidates.national_id import (
    IdKind,
    InvalidNationalId,
    NationalId,
    mask_national_id,
    parse_national_id,
)

# Translation catalogues load on first use; a deadline would make the first example flaky.
PROFILE = hsettings(deadline=None, max_examples=300)

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
WDUF = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)
CODES = {"format", "length", "date", "checksum", "synthetic"}


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    """Messages are asserted in the source language."""
    with translation.override("en"):
        yield


# --- An independent statement of the rules -------------------------------------------------


def spec_complete(nine: str, remainder: int) -> str | None:
    """Append k1 (leaving `remainder` mod 11) and k2; None when either would have to be 10."""
    k1 = (remainder - sum(int(d) * w for d, w in zip(nine, W1, strict=True))) % 11
    if k1 == 10:
        return None
    ten = nine + str(k1)
    k2 = -sum(int(d) * w for d, w in zip(ten, W2, strict=True)) % 11
    return None if k2 == 10 else ten + str(k2)


def spec_k1_remainder(number: str) -> int:
    return (sum(int(d) * w for d, w in zip(number[:9], W1, strict=True)) + int(number[9])) % 11


def spec_k2_ok(number: str) -> bool:
    return (
        sum(int(d) * w for d, w in zip(number[:10], W2, strict=True)) + int(number[10])
    ) % 11 == 0


def spec_duf(ten: str) -> str:
    return ten + f"{sum(int(d) * w for d, w in zip(ten, WDUF, strict=True)) % 11:02d}"


def spec_birth_date(number: str) -> date | None:
    day, month, yy, ind = int(number[:2]), int(number[2:4]), int(number[4:6]), int(number[6:9])
    is_d = day > 40
    day -= 40 if is_d else 0
    if month > 80:
        month -= 80
    elif month > 40 and not is_d:
        month -= 40
    if ind < 500:
        year = 1900 + yy
    elif ind < 750 and yy >= 54:
        year = 1800 + yy
    elif yy < 40:
        year = 2000 + yy
    elif ind >= 900:
        year = 1900 + yy
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def spec_valid(number: str) -> bool:
    """Valid 11-digit number under the classic or the 2032 rule, synthetic numbers allowed."""
    return (
        spec_birth_date(number) is not None
        and spec_k1_remainder(number) in {0, 1, 2, 3}
        and spec_k2_ok(number)
    )


@dataclass(frozen=True)
class Generated:
    number: str
    kind: IdKind
    birth_date: date
    synthetic: bool
    remainder: int


@st.composite
def valid_numbers(draw: st.DrawFn, remainders: tuple[int, ...] = (0, 1, 2, 3)) -> Generated:
    birth = draw(st.dates(min_value=date(1854, 1, 1), max_value=date(2039, 12, 31)))
    yy = birth.year % 100
    if birth.year < 1900:
        individual = draw(st.integers(500, 749))
    elif birth.year < 2000:
        low = st.integers(0, 499)
        individual = draw(low | st.integers(900, 999) if yy >= 40 else low)
    else:
        individual = draw(st.integers(500, 999))
    kind = draw(st.sampled_from([IdKind.FNR, IdKind.DNR, IdKind.HNR]))
    synthetic = kind is not IdKind.HNR and draw(st.booleans())
    remainder = draw(st.sampled_from(remainders))
    day = birth.day + (40 if kind is IdKind.DNR else 0)
    month = birth.month + (40 if kind is IdKind.HNR else 0) + (80 if synthetic else 0)
    number = spec_complete(f"{day:02d}{month:02d}{yy:02d}{individual:03d}", remainder)
    assume(number is not None)
    assert number is not None
    return Generated(number, kind, birth, synthetic, remainder)


@st.composite
def structured_numbers(draw: st.DrawFn) -> str:
    """11 digits shaped like an identifier, often with matching check digits, often not."""
    # Mostly in-range days and months, so that many draws get as far as the check digits.
    day = draw(st.integers(1, 28) | st.integers(41, 68) | st.integers(0, 99))
    month = draw(
        st.integers(1, 12) | st.integers(41, 52) | st.integers(81, 92) | st.integers(0, 99)
    )
    nine = f"{day:02d}{month:02d}{draw(st.integers(0, 99)):02d}{draw(st.integers(0, 999)):03d}"
    completed = spec_complete(nine, draw(st.integers(0, 3)))
    if completed is not None and draw(st.booleans()):
        return completed
    return nine + f"{draw(st.integers(0, 99)):02d}"


def parse_or_error(raw: str, *, allow_synthetic: bool = True) -> NationalId | InvalidNationalId:
    try:
        return parse_national_id(raw, allow_synthetic=allow_synthetic)
    except InvalidNationalId as error:
        return error


# --- (1) Property-based ---------------------------------------------------------------------


@PROFILE
@given(valid_numbers())
def test_generated_numbers_are_accepted_with_their_birth_date(g: Generated) -> None:
    parsed = parse_national_id(g.number, allow_synthetic=True)
    assert parsed == NationalId(g.number, g.kind, g.birth_date, g.synthetic)


@PROFILE
@given(valid_numbers())
def test_the_synthetic_flag_decides_only_for_synthetic_numbers(g: Generated) -> None:
    result = parse_or_error(g.number, allow_synthetic=False)
    if g.synthetic:
        assert isinstance(result, InvalidNationalId) and result.code == "synthetic"
    else:
        assert isinstance(result, NationalId) and result.value == g.number


@PROFILE
@given(valid_numbers(), st.lists(st.sampled_from([" ", ".", "-", "\t"]), min_size=11, max_size=11))
def test_spaces_dots_and_dashes_are_ignored(g: Generated, separators: list[str]) -> None:
    decorated = " " + "".join(d + s for d, s in zip(g.number, separators, strict=True))
    assert parse_national_id(decorated, allow_synthetic=True).value == g.number


@PROFILE
@given(valid_numbers())
def test_stdnum_accepts_exactly_the_classic_rule_subset(g: Generated) -> None:
    assume(not g.synthetic and g.birth_date <= date.today())
    assert parse_national_id(g.number, allow_synthetic=False).birth_date == g.birth_date
    assert stdnum_fnr.is_valid(g.number) == (g.remainder == 0)
    if g.remainder == 0:
        assert stdnum_fnr.get_birth_date(g.number) == g.birth_date


@PROFILE
@given(valid_numbers(remainders=(0,)), st.integers(0, 10), st.integers(1, 9))
def test_any_single_digit_change_to_a_classic_number_is_rejected(
    g: Generated, position: int, shift: int
) -> None:
    digits = list(g.number)
    digits[position] = str((int(digits[position]) + shift) % 10)
    changed = "".join(digits)
    # k2 is a plain mod-11 check over all ten digits before it with weights 1..10, so the
    # 2032 rule's slack on k1 cannot let a one-digit typo through: both oracles must agree.
    assert not spec_valid(changed)
    assert not stdnum_fnr.is_valid(changed)
    result = parse_or_error(changed)
    assert isinstance(result, InvalidNationalId)
    assert result.code in {"date", "checksum"}


@PROFILE
@given(structured_numbers())
@example("15108695088")
@example("55459112345")
def test_agrees_with_the_independent_rules_and_with_stdnum_on_the_classic_subset(
    number: str,
) -> None:
    result = parse_or_error(number)
    assert isinstance(result, NationalId) == spec_valid(number)
    if isinstance(result, InvalidNationalId):
        assert result.code in {"date", "checksum"}
        event(f"rejected: {result.code}")
        return
    assert result.birth_date == spec_birth_date(number)
    classic = spec_k1_remainder(number) == 0
    event("accepted, classic rule" if classic else "accepted, 2032 rule only")
    # stdnum also rejects future birth dates, and reads month+80 as an invalid H-number.
    if not result.synthetic and result.birth_date and result.birth_date <= date.today():
        assert stdnum_fnr.is_valid(number) == classic


@PROFILE
@given(st.integers(1990, 2099), st.integers(0, 999_999))
def test_generated_duf_numbers_are_accepted_and_wrong_check_digits_rejected(
    year: int, serial: int
) -> None:
    number = spec_duf(f"{year}{serial:06d}")
    parsed = parse_national_id(number, allow_synthetic=False)
    assert parsed == NationalId(number, IdKind.DUF, None, False)
    for wrong in range(100):
        if f"{wrong:02d}" != number[10:]:
            with pytest.raises(InvalidNationalId) as caught:
                parse_national_id(number[:10] + f"{wrong:02d}", allow_synthetic=True)
            assert caught.value.code == "checksum"


# --- (2) Known vectors ----------------------------------------------------------------------

VALID = [
    # stdnum's documented example, individual 950 in the 1940-1999 reserve series.
    ("15108695088", IdKind.FNR, date(1986, 10, 15), False),
    ("151086 95088", IdKind.FNR, date(1986, 10, 15), False),
    ("151086-95088", IdKind.FNR, date(1986, 10, 15), False),
    # Skatteetaten's 2032 examples that still satisfy the classic rule.
    ("02013299997", IdKind.FNR, date(2032, 1, 2), False),
    ("30108299920", IdKind.FNR, date(1982, 10, 30), False),
    # Norsk Helsenett test patient: a D-number, individual 500 with year 99 is 1899.
    ("70019950032", IdKind.DNR, date(1899, 1, 30), False),
    # Generated with the rules above.
    ("01010112377", IdKind.FNR, date(1901, 1, 1), False),
    ("15508695060", IdKind.HNR, date(1986, 10, 15), False),
    ("55918695027", IdKind.DNR, date(1986, 11, 15), True),
    ("15908695043", IdKind.FNR, date(1986, 10, 15), True),
]


@pytest.mark.parametrize(("raw", "kind", "birth_date", "synthetic"), VALID)
def test_known_valid_numbers(raw: str, kind: IdKind, birth_date: date, synthetic: bool) -> None:
    parsed = parse_national_id(raw, allow_synthetic=True)
    assert parsed.kind is kind
    assert parsed.birth_date == birth_date
    assert parsed.synthetic is synthetic
    assert parsed.value == re.sub(r"\D", "", raw)
    assert spec_valid(parsed.value)


@pytest.mark.parametrize("raw", ["55918695027", "15908695043"])
def test_synthetic_numbers_need_the_flag(raw: str) -> None:
    assert parse_national_id(raw, allow_synthetic=True).synthetic
    with pytest.raises(InvalidNationalId) as caught:
        parse_national_id(raw, allow_synthetic=False)
    assert caught.value.code == "synthetic"
    assert str(caught.value) == "Synthetic test numbers are not accepted here."


def test_a_number_valid_only_under_the_2032_rule_is_accepted() -> None:
    # Skatteetaten's worked example: person 2 born 30.10.1982, k1 leaves remainder 1.
    number = "30108299939"
    assert spec_k1_remainder(number) == 1 and spec_k2_ok(number)
    assert not stdnum_fnr.is_valid(number)
    parsed = parse_national_id(number, allow_synthetic=False)
    assert (parsed.kind, parsed.birth_date) == (IdKind.FNR, date(1982, 10, 30))


def test_remainder_four_is_beyond_the_2032_rule() -> None:
    number = spec_complete("301082999", 4)
    assert number is not None
    with pytest.raises(InvalidNationalId) as caught:
        parse_national_id(number, allow_synthetic=True)
    assert caught.value.code == "checksum"


@pytest.mark.parametrize("raw", ["201258697506", "2012 586975 06", "201900000101"])
def test_known_valid_duf_numbers(raw: str) -> None:
    parsed = parse_national_id(raw, allow_synthetic=False)
    assert (parsed.kind, parsed.birth_date, parsed.synthetic) == (IdKind.DUF, None, False)


# A remainder of 10 is written "10", so DUF check "digits" are not two independent digits.
def test_duf_remainder_ten_is_written_as_10() -> None:
    ten = next(f"2015{s:06d}" for s in range(10**6) if spec_duf(f"2015{s:06d}").endswith("10"))
    assert parse_national_id(ten + "10", allow_synthetic=False).kind is IdKind.DUF


# --- (3) Each fault has its code and message -----------------------------------------------

LENGTH = "A national identity number has 11 digits (a DUF number 12); this has {}."
DATE = "The first six digits must be a real birth date (DDMMYY)."
CENTURY = (
    "The birth year and digits 7 to 9 do not fit together: "
    "please check the number for typing errors."
)
CHECKSUM = "The check digits do not match: please check the number for typing errors."
FORMAT = "Only digits, spaces, dots and dashes are allowed."

INVALID = [
    ("1510869508a", "format", FORMAT),
    ("15108695088/", "format", FORMAT),
    ("+4715108695088", "format", FORMAT),
    ("١٥١٠٨٦٩٥٠٨٨", "format", FORMAT),  # Arabic-Indic digits are not read as digits.
    ("", "length", LENGTH.format(0)),
    (" - . ", "length", LENGTH.format(0)),
    ("1510869508", "length", LENGTH.format(10)),
    ("1510869508812", "length", LENGTH.format(13)),
    ("32108695088", "date", DATE),  # day 32
    ("15138695088", "date", DATE),  # month 13
    ("72108695088", "date", DATE),  # D-number day 32
    ("55458695088", "date", DATE),  # D-number with an H-month is no kind
    ("29020012345", "date", DATE),  # 1900 was not a leap year
    ("15105080012", "date", CENTURY),  # individual 800 with year 50: no century
    ("15105060012", "date", CENTURY),  # 600 with year 50: neither 1850 nor 2050
    ("15108695077", "checksum", CHECKSUM),  # stdnum's invalid example
    ("15108695089", "checksum", CHECKSUM),
    ("201258697561", "checksum", CHECKSUM),
]


@pytest.mark.parametrize(("raw", "code", "message"), INVALID)
def test_each_fault_has_its_code_and_message(raw: str, code: str, message: str) -> None:
    with pytest.raises(InvalidNationalId) as caught:
        parse_national_id(raw, allow_synthetic=True)
    assert caught.value.code == code
    assert str(caught.value) == message


def test_the_error_is_a_value_error_and_feeds_a_django_validation_error() -> None:
    with pytest.raises(ValueError, match="11 digits") as caught:
        parse_national_id("123", allow_synthetic=True)
    error = caught.value
    assert isinstance(error, InvalidNationalId)
    as_form_error = ValidationError(error.message, code=error.code, params=error.params)
    assert as_form_error.messages == [LENGTH.format(3)]


def test_messages_are_translatable() -> None:
    with pytest.raises(InvalidNationalId) as caught:
        parse_national_id("15108695089", allow_synthetic=True)
    # A lazy translation, not a str fixed in whichever language was active at import.
    assert not isinstance(caught.value.message, str)


# --- (4) Masking ----------------------------------------------------------------------------


@PROFILE
@given(valid_numbers())
def test_masked_shows_only_the_date_part(g: Generated) -> None:
    masked = parse_national_id(g.number, allow_synthetic=True).masked()
    assert masked == g.number[:6] + "*****"
    assert mask_national_id(g.number) == masked
    assert g.number[6:] not in masked


@PROFILE
@given(st.integers(1990, 2099), st.integers(0, 999_999))
def test_masked_duf_shows_only_the_year(year: int, serial: int) -> None:
    number = spec_duf(f"{year}{serial:06d}")
    assert parse_national_id(number, allow_synthetic=False).masked() == f"{year}********"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("151086 95088", "151086*****"),
        ("201258697506", "2012********"),
        ("1510869508", "**********"),
        ("", ""),
    ],
)
def test_mask_national_id_never_shows_more_than_the_date(stored: str, shown: str) -> None:
    assert mask_national_id(stored) == shown


def test_repr_does_not_print_the_number() -> None:
    parsed = parse_national_id("15108695088", allow_synthetic=False)
    assert "95088" not in repr(parsed) and "151086" not in repr(parsed)


# --- (5) Messages never echo the input ------------------------------------------------------


def assert_does_not_echo(error: InvalidNationalId, raw: str) -> None:
    digits = re.sub(r"\D", "", raw)
    for language in ("en", "nb"):
        with translation.override(language):
            for text in (str(error), repr(error), str(error.args)):
                # Fixed digits in the messages (11, 12, 7 to 9, a count) are at most two long.
                assert not re.search(r"\d{3}", text), text
                if len(digits) >= 3:
                    assert digits not in text


@PROFILE
@given(
    st.one_of(
        structured_numbers(),
        st.text(alphabet="0123456789 .-", max_size=20),
        st.text(max_size=20),
        valid_numbers().map(lambda g: g.number[:-1] + "x"),
    ),
    st.booleans(),
)
def test_messages_never_contain_the_digits_of_the_input(raw: str, allow_synthetic: bool) -> None:
    result = parse_or_error(raw, allow_synthetic=allow_synthetic)
    if isinstance(result, InvalidNationalId):
        assert result.code in CODES
        assert str(result)
        assert_does_not_echo(result, raw)


@pytest.mark.parametrize(("raw", "code", "message"), INVALID)
def test_vector_messages_never_contain_the_input(raw: str, code: str, message: str) -> None:
    with pytest.raises(InvalidNationalId) as caught:
        parse_national_id(raw, allow_synthetic=True)
    assert_does_not_echo(caught.value, raw)
