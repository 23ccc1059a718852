"""``get_FOO_display()`` from kept labels (core/choices.py) gives what Django's gives."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.choices import CallableChoiceIterator

from core import choices
from core.models import Membership, Role


def choice_fields() -> list[tuple[type[models.Model], models.Field]]:  # type: ignore[type-arg]
    return [
        (model, field)
        for model in apps.get_models()
        if model._meta.app_label in choices.PROJECT_APPS
        for field in model._meta.concrete_fields
        if field.model is model  # a proxy's or child's inherited fields are their parent's
        and field.choices
        and not isinstance(field.choices, CallableChoiceIterator)
    ]


def test_every_choice_field_of_the_project_uses_kept_labels() -> None:
    found = choice_fields()
    assert len(found) > 20
    for model, field in found:
        method = model.__dict__[f"get_{field.name}_display"]
        assert isinstance(method, partialmethod), (model, field.name)
        assert method.func is choices.display, (model, field.name)
    assert choices.install() == 0  # installing again changes nothing


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_labels_equal_djangos_for_every_value_and_an_unknown_one(language: str) -> None:
    with translation.override(language):
        for model, field in choice_fields():
            values = [value for value, _ in field.flatchoices] + ["no-such-value", None]
            for value in values:
                instance = model()
                setattr(instance, field.attname, value)
                ours = getattr(instance, f"get_{field.name}_display")()
                djangos = models.Model._get_FIELD_display(instance, field)
                assert ours == djangos, (model, field.name, value)
                assert type(ours) is type(djangos)


def test_the_label_follows_the_active_language() -> None:
    membership = Membership(role=Role.LEAD)
    with translation.override("en"):
        english = membership.get_role_display()
    with translation.override("nb"):
        bokmal = membership.get_role_display()
    assert english == "HR project lead"
    assert bokmal == "HR-prosjektleder"


def test_a_models_own_display_method_is_kept() -> None:
    kept = Membership.__dict__["get_role_display"]

    def own(self: Membership) -> str:
        return "own"

    Membership.get_role_display = own  # type: ignore[assignment, method-assign]
    try:
        assert choices.install() == 0
        assert Membership(role=Role.LEAD).get_role_display() == "own"
    finally:
        Membership.get_role_display = kept  # type: ignore[method-assign]
    with translation.override("en"):
        assert Membership(role=Role.LEAD).get_role_display() == "HR project lead"
