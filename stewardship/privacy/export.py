"""Reads for a subject access request: everything the register says we hold about a candidate,
as JSON-ready data and as readable sections for the PDF. Nothing here writes; the services log
each download."""

import datetime
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from django_countries.fields import Country

from candidates.models import Candidate
from core.models import AuditEntry, AuditSubject, Membership
from mentors.selectors import confidential_notes_readable_by

from .registry import Holding, holdings

FORMAT = "springbrett.subject-access/1"
AUDIT = "core.auditentry"
BABEL_LOCALE = {"nb": "nb_NO", "en": "en_GB"}


@dataclass
class Held:
    """One register entry and the candidate's rows in it."""

    holding: Holding
    rows: list[models.Model]


def audit_entries_about(candidate_id: int, ids: dict[str, list[int]]) -> QuerySet[AuditEntry]:
    """Audit entries about the candidate: on the candidate, naming them in ``data`` or as a
    subject of a bulk read, or on any registered row of theirs (oldest first)."""
    about = (
        Q(object_type=Candidate._meta.label_lower, object_id=str(candidate_id))
        | Q(data__candidate=candidate_id)
        | Q(pk__in=AuditSubject.objects.filter(candidate_id=candidate_id).values("entry_id"))
    )
    for key, pks in ids.items():
        if pks and key != Candidate._meta.label_lower:
            about |= Q(object_type=key, object_id__in=[str(pk) for pk in pks])
    return AuditEntry.objects.filter(about).order_by("at", "pk")


# Follow-up notes and their change history: what the reader may see of them is decided by the
# notes' own rule (mentors.selectors), so a confidential note reaches no export its reader could
# not open as a page.
NOTE_HOLDINGS = ("mentors.followupnote", "history.followupnoteevent")


def held_about(candidate: Candidate, reader: Membership | None = None) -> list[Held]:
    """Every registered row about the candidate, in register order; with a ``reader``, the
    notes that reader may not read are left out (erasure passes none and reaches every row)."""
    found: dict[str, Held] = {}
    for entry in holdings():
        if entry.key != AUDIT:
            rows = entry.rows(candidate.pk)
            if reader is not None and entry.key in NOTE_HOLDINGS:
                rows = rows.filter(confidential_notes_readable_by(reader))
            found[entry.key] = Held(entry, list(rows.order_by("pk")))
    ids = {key: [row.pk for row in held.rows] for key, held in found.items()}
    result = []
    for entry in holdings():
        if entry.key == AUDIT:
            result.append(Held(entry, list(audit_entries_about(candidate.pk, ids))))
        else:
            result.append(found[entry.key])
    return result


def exported_fields(entry: Holding) -> list[models.Field]:
    return [f for f in entry.model._meta.concrete_fields if f.name not in entry.hidden]


# --- JSON -------------------------------------------------------------------------------------


def json_value(f: models.Field, row: models.Model) -> Any:
    """A field's value as JSON: ISO dates, decimals as strings, binary as its size and hash."""
    value = f.value_from_object(row)
    if value is None:
        return None
    if isinstance(f, models.BinaryField):
        data = bytes(value)
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | Country):
        return str(value)
    if isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def subject_data(candidate: Candidate, held: list[Held]) -> dict[str, Any]:
    """The export: one key per register entry (always present), rows ordered by id, each row's
    fields keyed by column name (``*_id`` for relations)."""
    records = {
        item.holding.key: [
            {f.attname: json_value(f, row) for f in exported_fields(item.holding)}
            for row in item.rows
        ]
        for item in held
    }
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "candidate_id": candidate.pk,
        "operator": {"id": candidate.operator_id, "name": candidate.operator.name},
        "records": records,
    }


def as_json(data: dict[str, Any]) -> str:
    """Stable text: sorted keys, names in their own script (not \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


# --- Readable sections (PDF) ------------------------------------------------------------------

YES, NO = gettext_noop("Yes"), gettext_noop("No")
BYTES = gettext_noop("%(size)s bytes")


def display_value(
    f: models.Field, row: models.Model, language: str, text: Callable[[str], str] = gettext
) -> str:
    """A field's value as a reader sees it, in the active language (``text`` translates the
    few fixed words)."""
    locale = BABEL_LOCALE.get(language, language)
    value = f.value_from_object(row)
    if value is None or value == "" or value == []:
        return "–"
    if f.choices:
        return str(getattr(row, f"get_{f.name}_display")())
    if f.is_relation:
        try:
            return str(getattr(row, f.name))
        except ObjectDoesNotExist:  # history and audit keep ids of rows that are gone
            return f"#{value}"
    if isinstance(f, models.BinaryField):
        return text(BYTES) % {"size": len(bytes(value))}
    if isinstance(value, bool):
        return text(YES if value else NO)
    if isinstance(value, datetime.datetime):
        return format_datetime(timezone.localtime(value), "d. MMM y HH:mm", locale=locale)
    if isinstance(value, datetime.date):
        return format_date(value, "d. MMMM y", locale=locale)
    if isinstance(value, Decimal):
        return format_decimal(value.normalize(), locale=locale)
    if isinstance(value, Country):
        return str(value.name)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def sections(
    held: list[Held], language: str, text: Callable[[str], str] = gettext
) -> list[dict[str, Any]]:
    """One section per register entry: its name, and each row as (label, value) pairs."""
    result = []
    for item in held:
        meta = item.holding.model._meta
        fields = exported_fields(item.holding)
        result.append(
            {
                "key": item.holding.key,
                "title": capfirst(str(meta.verbose_name_plural)),
                "rows": [
                    [
                        (capfirst(str(f.verbose_name)), display_value(f, row, language, text))
                        for f in fields
                    ]
                    for row in item.rows
                ],
            }
        )
    return result
