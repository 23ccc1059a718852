"""``get_FOO_display()`` with each field's labels gathered once.

Django's ``Model._get_FIELD_display`` rebuilds a dict of the field's choices (``flatchoices``
through ``make_hashable``) on every call: about 40 µs, once per row and status on a list page.
Here the dict is built once per field and kept on it; the labels stay lazy, so each call still
gives the label in the active language. Fields whose choices are a callable (evaluated anew each
time by Django) keep Django's method.
"""

from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

# The project's own apps (the third-party ones keep Django's behaviour untouched).
PROJECT_APPS = frozenset(
    {
        "core", "programs", "candidates", "placements", "mentors", "reports", "reminders",
        "history", "stewardship", "calendars", "matching", "workday", "portal", "hostportal",
    }
)  # fmt: skip


def labels_of(field: models.Field) -> dict[Any, Any]:  # type: ignore[type-arg]
    """The field's {value: label} (labels lazy), built on first use and kept on the field."""
    labels = field.__dict__.get("_display_labels")
    if labels is None:
        labels = field.__dict__["_display_labels"] = dict(make_hashable(field.flatchoices))
    return labels


def display(instance: models.Model, field: models.Field) -> Any:  # type: ignore[type-arg]
    """What ``Model._get_FIELD_display`` returns, from the field's kept labels."""
    value = getattr(instance, field.attname)
    labels = labels_of(field)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value (a list in a JSON field with choices)
        label = labels.get(make_hashable(value), value)
    return force_str(label, strings_only=True)


def install() -> int:
    """Give every choice field of the project's models the kept-labels display; return how many.

    Only methods Django added (a ``partialmethod`` of ``_get_FIELD_display``) are replaced; a
    model's own ``get_FOO_display`` stays."""
    count = 0
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if not field.choices or isinstance(field.choices, CallableChoiceIterator):
                continue
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is not display:
                setattr(model, name, partialmethod(display, field=field))
                count += 1
    return count
