"""Filters for the placement report and the period form of the funder report."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.models import Placement
from programs.models import Cohort, HostUnit, OutcomeKind, Programme


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class PlacementReportFilter(django_filters.FilterSet):
    """The placement report's filters; choices come from the membership's operator only."""

    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label=_("All")
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"), queryset=Cohort.objects.none(), empty_label=_("All")
    )
    host_unit = django_filters.ModelChoiceFilter(
        label=_("Host unit"), queryset=HostUnit.objects.none(), empty_label=_("All")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        field_name="host_unit__sector",
        choices=HostUnit.Sector.choices,
        empty_label=_("All"),
    )
    period_from = django_filters.DateFilter(
        label=_("Period from"), method="overlaps_from", widget=_date_input()
    )
    period_to = django_filters.DateFilter(
        label=_("Period to"), method="overlaps_to", widget=_date_input()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Placement.Status.choices, empty_label=_("All")
    )
    exit_kind = django_filters.ChoiceFilter(
        label=_("Outcome at exit"), choices=OutcomeKind.choices, empty_label=_("All")
    )

    class Meta:
        model = Placement
        fields = ["programme", "cohort", "host_unit", "status"]

    def __init__(self, *args, operator_id: int | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        filters = self.filters
        filters["programme"].queryset = Programme.objects.filter(operator_id=operator_id)
        filters["cohort"].queryset = Cohort.objects.filter(
            programme__operator_id=operator_id
        ).select_related("programme")
        filters["host_unit"].queryset = HostUnit.objects.filter(operator_id=operator_id)

    def overlaps_from(self, queryset, name, value):  # type: ignore[no-untyped-def]
        """Still running on ``value``: ended on or after it, or not ended by plan."""
        return queryset.filter(
            Q(actual_end__gte=value) | Q(actual_end__isnull=True, planned_end__gte=value)
        )

    def overlaps_to(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(starts_on__lte=value)


class PeriodFormBase(forms.Form):
    """The funder report's period (``?from=&to=``); both optional, the end not before the start."""

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period must not be before its start."))
        return data

    def period(self) -> tuple[datetime.date | None, datetime.date | None]:
        """The valid period, or no bounds at all when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return None, None
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")


# "from" is a Python keyword, so the fields are declared by name.
PeriodForm = type(
    "PeriodForm",
    (PeriodFormBase,),
    {
        "from": forms.DateField(label=_("From"), required=False, widget=_date_input()),
        "to": forms.DateField(label=_("To"), required=False, widget=_date_input()),
        "__module__": __name__,
    },
)
