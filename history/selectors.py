"""Reads of the change history: a page of one object's events as field-by-field differences.

A page costs three queries however many events it shows: the count, the events (one more than
the page, for the oldest event's predecessor) with their context, and the users who made them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Field, Model
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates.national_id import mask_national_id
from core.models import User

from .models import CandidateEvent, PlacementEvent

PAGE_SIZE = 20
TEXT_SHOWN = 120
# Values that are never shown in full, whoever looks.
MASKED: dict[str, Callable[[str], str]] = {"national_id": mask_national_id}


def is_recorded() -> bool:
    """History is written by PostgreSQL triggers; other databases record none."""
    return connection.vendor == "postgresql"


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryRow:
    at: datetime.datetime
    label: str
    actor: User | None
    changes: list[Change] = field(default_factory=list)
    # True when the event before this one is not kept, so what changed cannot be shown.
    unknown_before: bool = False


def _tracked_fields(event_model: type[Model]) -> list[Field]:
    return [
        f
        for f in event_model._meta.concrete_fields
        if not f.name.startswith("pgh_") and f.name != "id"
    ]


def _show(model_field: Field, value: Any) -> str:
    if value is None or value == "":
        return "–"
    if model_field.name in MASKED:
        return MASKED[model_field.name](str(value))
    if model_field.is_relation:
        return f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    if isinstance(value, datetime.date | datetime.datetime | int | float):
        return str(formats.localize(value))
    return Truncator(str(value)).chars(TEXT_SHOWN)


def _changes(fields: list[Field], before: Model, after: Model) -> list[Change]:
    changes = []
    for model_field in fields:
        old, new = getattr(before, model_field.attname), getattr(after, model_field.attname)
        if old != new:
            changes.append(
                Change(
                    str(model_field.verbose_name), _show(model_field, old), _show(model_field, new)
                )
            )
    return changes


LABELS = {
    "insert": gettext_lazy("Created"),
    "update": gettext_lazy("Changed"),
    "delete": gettext_lazy("Deleted"),
}


def history_page(event_model: type[Model], obj_id: int, number: Any) -> Page:
    """Page ``number`` of one object's history, newest first, as ``HistoryRow``s."""
    events = (
        event_model.objects.filter(pgh_obj_id=obj_id)  # type: ignore[attr-defined]
        .select_related("pgh_context")
        .order_by("-pgh_id")
    )
    page = Paginator(events, PAGE_SIZE).get_page(number)
    start = (page.number - 1) * PAGE_SIZE
    window = list(events[start : start + PAGE_SIZE + 1]) if page.paginator.count else []
    shown, older = window[:PAGE_SIZE], window[PAGE_SIZE:]
    user_ids: set[int] = {
        user_id
        for event in shown
        if event.pgh_context is not None
        and isinstance(user_id := (event.pgh_context.metadata or {}).get("user"), int)
    }
    users = {user.pk: user for user in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    fields = _tracked_fields(event_model)
    rows = []
    for event, before in zip(shown, shown[1:] + older + [None], strict=False):
        context = event.pgh_context.metadata if event.pgh_context is not None else {}
        row = HistoryRow(
            at=event.pgh_created_at,
            label=str(LABELS.get(event.pgh_label, event.pgh_label)),
            actor=users.get((context or {}).get("user", 0)),
        )
        if event.pgh_label == "update":
            if before is None:
                row.unknown_before = True
            else:
                row.changes = _changes(fields, before, event)
        rows.append(row)
    page.object_list = rows
    return page


def candidate_history(candidate_id: int, number: Any = 1) -> Page | None:
    """The candidate's history, or None where history is not recorded (SQLite)."""
    return history_page(CandidateEvent, candidate_id, number) if is_recorded() else None


def placement_history(placement_id: int, number: Any = 1) -> Page | None:
    """The placement's history, or None where history is not recorded (SQLite)."""
    return history_page(PlacementEvent, placement_id, number) if is_recorded() else None
