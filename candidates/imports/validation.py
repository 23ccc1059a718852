"""Validating rows as the service does (inside a rolled-back savepoint), and the import."""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import Organisation, User
from core.services import audit_log

from ..models import Candidate
from ..national_id import InvalidNationalId, parse_national_id
from ..services import candidate_create
from .spec import (
    _ISO_DATE,
    _NORWEGIAN_DATE,
    _SPACES,
    COLUMN_BY_FIELD,
    GENDER_WORDS,
    NATIONAL_ID,
    ROW_NUMBER,
    ImportRejected,
    ImportReport,
    RowResult,
    in_english,
    is_blank,
)

# --- Validation ----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores a phone number typed without "+" as a number: 40000000.0.
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _choice_lookup(choices: type[Candidate.Gender] | type[Candidate.EducationLevel]) -> dict:
    lookup: dict[str, str] = {}
    for member in choices:
        lookup[member.value.casefold()] = member.value
        for language in ("nb", "en"):
            with translation.override(language):
                lookup[str(member.label).casefold()] = member.value
    return lookup


def _parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NORWEGIAN_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(_("Write the date as YYYY-MM-DD or DD.MM.YYYY."))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("This date does not exist.")) from None


def _parse_year(value: Any) -> int:
    text = _text(value)
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(_("Write the year with four digits."))
    return int(text)


def _national_id(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number cell drops the leading zero of ids born on days 1 to 9; put it back. A wrong
        # guess cannot slip through: the check digits are validated as usual.
        text = _text(value)
        return text.zfill(11) if len(text) == 10 else text
    return _text(value)


def _parse_row(
    raw: dict[str, Any], genders: dict[str, str], levels: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """Turn cells into service arguments; cells that cannot be converted become errors."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    for name, cell in raw.items():
        if name == ROW_NUMBER or name not in COLUMN_BY_FIELD:
            continue
        if is_blank(cell):
            continue
        try:
            if name == "birth_date":
                values[name] = _parse_date(cell)
            elif name == "arrival_year":
                values[name] = _parse_year(cell)
            elif name == NATIONAL_ID:
                values[name] = _national_id(cell)
            elif name in {"country_of_birth", "nationality", "norwegian_level"}:
                values[name] = _text(cell).upper()
            elif name == "gender":
                text = _text(cell).casefold()
                values[name] = genders.get(text) or GENDER_WORDS.get(text) or _text(cell)
            elif name == "education_level":
                values[name] = levels.get(_text(cell).casefold(), _text(cell))
            else:
                # Names are kept exactly as written (no case or Unicode folding), only trimmed.
                values[name] = _text(cell)
        except ValueError as exc:
            errors.append(_labelled(name, str(exc)))
    return values, errors


def _labelled(name: str, message: str) -> str:
    if name == NON_FIELD_ERRORS or name not in COLUMN_BY_FIELD:
        return message
    column = COLUMN_BY_FIELD[name]
    heading = column.english if in_english() else column.header
    return _("%(column)s: %(message)s") % {"column": heading, "message": message}


def _name_key(values: dict[str, Any], birth_date: datetime.date | None) -> tuple | None:
    given, family = values.get("given_name", ""), values.get("family_name", "")
    if not (given and family and birth_date):
        return None

    def fold(text: str) -> str:
        return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()

    return fold(given), fold(family), birth_date


def _id_and_birth(values: dict[str, Any]) -> tuple[str, datetime.date | None]:
    """The normalised id ("" when absent or invalid) and the birth date the service would use."""
    birth_date = values.get("birth_date")
    raw = values.get(NATIONAL_ID, "")
    if not raw:
        return "", birth_date
    try:
        parsed = parse_national_id(raw, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    except InvalidNationalId:
        return "", birth_date
    return parsed.value, birth_date or parsed.birth_date


def validate_import(*, operator: Organisation, rows: list[dict[str, Any]]) -> ImportReport:
    """Return every row's values and errors; the database is left exactly as it was."""
    genders = _choice_lookup(Candidate.Gender)
    levels = _choice_lookup(Candidate.EducationLevel)
    parsed = []
    for index, raw in enumerate(rows):
        values, errors = _parse_row(raw, genders, levels)
        parsed.append(
            RowResult(number=raw.get(ROW_NUMBER, index + 2), values=values, errors=errors)
        )

    keys = [_id_and_birth(row.values) for row in parsed]
    existing_ids, existing_names = _existing(operator, keys, parsed)
    # The constraint's own message would repeat the duplicate finding in other words.
    id_taken = str(
        next(
            c.violation_error_message
            for c in Candidate._meta.constraints
            if c.name == "candidate_national_id_unique_per_operator"
        )
    )

    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple, int] = {}
    with transaction.atomic():
        for row, (national_id, birth_date) in zip(parsed, keys, strict=True):
            row.birth_date = birth_date
            duplicate_errors = _duplicates(
                row, national_id, birth_date, existing_ids, existing_names, seen_ids, seen_names
            )
            service_errors = _service_errors(operator, row.values)
            if national_id in existing_ids:
                service_errors = [m for m in service_errors if m != id_taken]
            row.errors.extend(service_errors + duplicate_errors)
    return ImportReport(rows=parsed)


def _existing(
    operator: Organisation,
    keys: list[tuple[str, datetime.date | None]],
    parsed: list[RowResult],
) -> tuple[set[str], set[tuple]]:
    # Two queries for the whole file, whatever its length.
    ids = {national_id for national_id, _birth in keys if national_id}
    dates = {birth for _id, birth in keys if birth}
    existing_ids = set(
        Candidate.objects.filter(operator=operator, national_id__in=ids).values_list(
            "national_id", flat=True
        )
    )
    existing_names = set()
    for given, family, birth in Candidate.objects.filter(
        operator=operator, birth_date__in=dates
    ).values_list("given_name", "family_name", "birth_date"):
        key = _name_key({"given_name": given, "family_name": family}, birth)
        if key is not None:
            existing_names.add(key)
    return existing_ids, existing_names


def _duplicates(
    row: RowResult,
    national_id: str,
    birth_date: datetime.date | None,
    existing_ids: set[str],
    existing_names: set[tuple],
    seen_ids: dict[str, int],
    seen_names: dict[tuple, int],
) -> list[str]:
    """Messages name a row number or "an existing candidate", never the person or the id."""
    errors = []
    if national_id:
        if national_id in existing_ids:
            errors.append(_("Looks like a duplicate of an existing candidate (same id number)."))
        elif national_id in seen_ids:
            errors.append(
                _("Looks like a duplicate of row %(row)d (same id number).")
                % {"row": seen_ids[national_id]}
            )
        seen_ids.setdefault(national_id, row.number)
    name_key = _name_key(row.values, birth_date)
    if name_key is not None:
        if name_key in existing_names:
            errors.append(
                _("Looks like a duplicate of an existing candidate (same name and birth date).")
            )
        elif name_key in seen_names:
            errors.append(
                _("Looks like a duplicate of row %(row)d (same name and birth date).")
                % {"row": seen_names[name_key]}
            )
        seen_names.setdefault(name_key, row.number)
    return errors


def _service_errors(operator: Organisation, values: dict[str, Any]) -> list[str]:
    """Create the row as the service would, collect its refusals, and undo the creation."""
    savepoint = transaction.savepoint_create()
    try:
        candidate_create(operator=operator, by=None, **values)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return [
                _labelled(name, message)
                for name, messages in exc.message_dict.items()
                for message in messages
            ]
        return list(exc.messages)
    finally:
        # Always rolled back: validation must not leave a row behind, valid or not.
        transaction.savepoint_rollback(savepoint)
    return []


# --- Import --------------------------------------------------------------------------------


def run_import(*, operator: Organisation, rows: list[dict[str, Any]], by: User) -> list[Candidate]:
    """Create every row's candidate or none: any error raises ImportRejected and saves nothing."""
    with transaction.atomic():
        report = validate_import(operator=operator, rows=rows)
        if report.has_errors:
            raise ImportRejected(report)
        created = []
        for row in report.rows:
            try:
                created.append(candidate_create(operator=operator, by=by, **row.values))
            except ValidationError as exc:
                # Only a concurrent change can get here (validation passed a moment ago); the
                # exception leaves the atomic block, so everything created so far is undone.
                row.errors.extend(exc.messages)
                raise ImportRejected(report) from None
        audit_log(
            actor=by,
            operator=operator,
            action="candidates.import.completed",
            data={"rows": len(created)},
        )
    return created
