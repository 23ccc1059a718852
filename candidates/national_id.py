"""Norwegian personal identifiers: fødselsnummer, D-number, H-number and UDI's DUF number.

Pure validation, no database. Sources for the rules:

* Check digits, classic and from 2032: Skatteetaten, "Nytt fødselsnummer fra 2032"
  (skatteetaten.github.io/folkeregisteret-api-dokumentasjon/nytt-fodselsnummer-fra-2032/).
  From 2032 the first check digit may leave a remainder of 0, 1, 2 or 3; the second check
  digit is unchanged. Numbers issued before and after 2032 stay valid side by side.
* Synthetic test numbers: Skatteetaten's Tenor test data adds 80 to the month.
* DUF number: UDI's 12-digit registration number, year + serial + two check digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # Types only: django-stubs-ext is a development dependency.
    from django_stubs_ext import StrPromise

__all__ = [
    "IdKind",
    "InvalidNationalId",
    "NationalId",
    "mask_national_id",
    "parse_national_id",
]

ErrorCode = Literal["format", "length", "date", "checksum", "synthetic"]

FNR_LENGTH = 11
DUF_LENGTH = 12

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
DUF_WEIGHTS = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)
# Remainders Skatteetaten accepts for k1: only 0 before 2032, 0 to 3 for numbers issued later.
K1_CLASSIC_REMAINDERS = frozenset({0})
K1_2032_REMAINDERS = frozenset({0, 1, 2, 3})

D_NUMBER_DAY_OFFSET = 40
H_NUMBER_MONTH_OFFSET = 40
SYNTHETIC_MONTH_OFFSET = 80

# Hyphen-minus plus the Unicode dashes that copy-paste from word processors brings in.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")
_DIGITS = re.compile(r"[0-9]+")

_MESSAGES: dict[ErrorCode, StrPromise] = {
    "format": _("Only digits, spaces, dots and dashes are allowed."),
    "length": _("A national identity number has 11 digits (a DUF number 12); this has %(count)d."),
    "date": _("The first six digits must be a real birth date (DDMMYY)."),
    "checksum": _("The check digits do not match: please check the number for typing errors."),
    "synthetic": _("Synthetic test numbers are not accepted here."),
}
# Also a "date" fault, but one that a message about DDMMYY alone would not explain.
_CENTURY_MESSAGE = _(
    "The birth year and digits 7 to 9 do not fit together: "
    "please check the number for typing errors."
)


class IdKind(StrEnum):
    FNR = "fnr"
    DNR = "dnr"
    HNR = "hnr"
    DUF = "duf"


class InvalidNationalId(ValueError):
    """A rejected identifier: ``code`` says which rule failed, ``message`` is translatable.

    The exception never carries the number itself, so it is safe to log. ``message`` and
    ``params`` can be handed straight to ``django.core.exceptions.ValidationError``.
    """

    def __init__(
        self, code: ErrorCode, message: StrPromise | str, params: dict[str, int] | None = None
    ) -> None:
        self.code: ErrorCode = code
        self.message = message
        self.params: dict[str, int] = params or {}
        super().__init__(code, message, self.params)

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text

    def as_validation_error(self) -> ValidationError:
        """The same fault for a form or a service: message, code and params kept, so it renders
        in the reader's language with its numbers filled in."""
        return ValidationError(self.message, code=self.code, params=self.params or None)


@dataclass(frozen=True)
class NationalId:
    # repr=False: a NationalId in a log line or traceback must not print the full number.
    value: str = field(repr=False)
    kind: IdKind
    # The date written in the number, offsets removed, century from the individual number.
    # Only a hint: D-numbers sometimes carry the registration date, and numbers issued from
    # 2032 no longer encode the century, so the Folkeregister is the authority. None for DUF.
    birth_date: date | None
    synthetic: bool

    def masked(self) -> str:
        """Return the number with everything after the date (or DUF year) replaced by '*'."""
        return mask_national_id(self.value)


def parse_national_id(raw: str, *, allow_synthetic: bool) -> NationalId:
    """Return the normalised, validated identifier, or raise InvalidNationalId naming the fault."""
    digits = _normalise(raw)
    if not _DIGITS.fullmatch(digits):
        raise _invalid("format") if digits else _invalid("length", count=0)
    if len(digits) == DUF_LENGTH:
        return _parse_duf(digits)
    if len(digits) != FNR_LENGTH:
        raise _invalid("length", count=len(digits))
    return _parse_fnr(digits, allow_synthetic=allow_synthetic)


def mask_national_id(value: str) -> str:
    """Return a display form that shows at most the date part (DUF: the year), never the rest."""
    digits = _normalise(value)
    if len(digits) == FNR_LENGTH:
        return digits[:6] + "*" * 5
    if len(digits) == DUF_LENGTH:
        return digits[:4] + "*" * 8
    # Anything else is not a number we know how to split, so nothing of it is shown.
    return "*" * len(digits)


def _normalise(raw: str) -> str:
    return _SEPARATORS.sub("", raw)


def _invalid(
    code: ErrorCode, *, message: StrPromise | None = None, **params: int
) -> InvalidNationalId:
    return InvalidNationalId(code, _MESSAGES[code] if message is None else message, params or None)


def _weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True))


def _check_digits_valid(digits: str, k1_remainders: frozenset[int]) -> bool:
    k1_ok = (_weighted_sum(digits[:9], K1_WEIGHTS) + int(digits[9])) % 11 in k1_remainders
    k2_ok = (_weighted_sum(digits[:10], K2_WEIGHTS) + int(digits[10])) % 11 == 0
    return k1_ok and k2_ok


def _century(individual: int, year: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and year >= 54:
        return 1800
    if individual >= 500 and year <= 39:
        return 2000
    if individual >= 900 and year >= 40:
        return 1900
    return None


def _parse_fnr(digits: str, *, allow_synthetic: bool) -> NationalId:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    kind = IdKind.FNR
    if day > D_NUMBER_DAY_OFFSET:
        kind = IdKind.DNR
        day -= D_NUMBER_DAY_OFFSET
    synthetic = month > SYNTHETIC_MONTH_OFFSET
    if synthetic:
        month -= SYNTHETIC_MONTH_OFFSET
    elif month > H_NUMBER_MONTH_OFFSET and kind is IdKind.FNR:
        # A D-number with an H-month is no defined kind; leaving the month as is rejects it.
        kind = IdKind.HNR
        month -= H_NUMBER_MONTH_OFFSET

    century = _century(int(digits[6:9]), year)
    try:
        # Without a century, 2000 still tells a real DDMMYY from an impossible one: year 00,
        # the one case where 1900 and 2000 differ on 29 February, always has a century.
        birth_date = date((century or 2000) + year, month, day)
    except ValueError:
        raise _invalid("date") from None
    if century is None:
        raise _invalid("date", message=_CENTURY_MESSAGE)

    # The 2032 rule accepts every classic number too; both are named to keep the rule visible.
    if not (
        _check_digits_valid(digits, K1_CLASSIC_REMAINDERS)
        or _check_digits_valid(digits, K1_2032_REMAINDERS)
    ):
        raise _invalid("checksum")
    # Checked last so that "synthetic" only ever means a well-formed test number.
    if synthetic and not allow_synthetic:
        raise _invalid("synthetic")
    return NationalId(value=digits, kind=kind, birth_date=birth_date, synthetic=synthetic)


def _parse_duf(digits: str) -> NationalId:
    # The check "digits" are one mod-11 remainder (0-10) written with two digits.
    if _weighted_sum(digits[:10], DUF_WEIGHTS) % 11 != int(digits[10:]):
        raise _invalid("checksum")
    return NationalId(value=digits, kind=IdKind.DUF, birth_date=None, synthetic=False)
