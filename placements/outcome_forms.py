"""Forms and filters for outcomes and the due-and-missing worklist."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from candidates.selectors import search
from core.forms import limit_choices
from programs.forms import DATE
from programs.models import HostUnit, OutcomeKind, Programme

from .models import Outcome, Placement
from .selectors.outcomes import only_due


class PlacementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Placement) -> str:  # type: ignore[override]
        end = obj.actual_end or obj.planned_end
        parts = [obj.candidate.display_name, obj.programme.name, obj.host_unit.name]
        return f"{' · '.join(parts)} ({end:%d.%m.%Y})"


class OutcomeEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=[("", "---------"), *OutcomeKind.choices])
    recorded_on = forms.DateField(label=_("Date"), widget=DATE)
    employer = forms.ModelChoiceField(
        label=_("Employer (registered)"),
        queryset=HostUnit.objects.none(),
        required=False,
        help_text=_(
            "Choose the employer if it is in the register: a job there counts as its hire."
        ),
    )
    employer_name = forms.CharField(
        label=_("Employer (other)"),
        max_length=200,
        required=False,
        help_text=_("The employer's name when it is not in the register."),
    )

    def __init__(self, *args: Any, operator_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "employer", HostUnit.objects.filter(operator_id=operator_id))


class OutcomeForm(OutcomeEditForm):
    """Register an outcome for a finished or running placement (the placement may be fixed)."""

    placement = PlacementChoiceField(label=_("Placement"), queryset=Placement.objects.none())
    checkpoint = forms.ChoiceField(label=_("Checkpoint"), choices=Outcome.Checkpoint.choices)
    field_order = ["placement", "checkpoint", "kind", "recorded_on", "employer", "employer_name"]

    def __init__(
        self,
        *args: Any,
        operator_id: int,
        placements: QuerySet[Placement],
        fixed: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, operator_id=operator_id, **kwargs)
        limit_choices(self, "placement", placements)
        if fixed:
            self.fields["placement"].widget = forms.HiddenInput()


def operator_programmes(request: Any) -> QuerySet[Programme]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return Programme.objects.none()
    return Programme.objects.filter(operator_id=membership.operator_id)


class StyledFilterSet(django_filters.FilterSet):
    """Bootstrap's classes on the filter widgets, so labels sit above their fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class OutcomeDueFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Candidate"), method="by_name")
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=operator_programmes, empty_label=_("All")
    )
    checkpoint = django_filters.ChoiceFilter(
        label=_("Checkpoint"),
        choices=Outcome.Checkpoint.choices,
        empty_label=_("All"),
        method="by_checkpoint",
    )

    class Meta:
        model = Placement
        fields = ["programme"]

    def by_name(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(candidate__in=search(Candidate.objects.all(), value).values("pk"))

    def by_checkpoint(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return only_due(queryset, value)


class OutcomeFilter(OutcomeDueFilter):
    checkpoint = django_filters.ChoiceFilter(
        label=_("Checkpoint"), choices=Outcome.Checkpoint.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=OutcomeKind.choices, empty_label=_("All")
    )

    class Meta:
        model = Outcome
        fields = ["programme", "checkpoint", "kind"]
