from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .access_log import ACTION_CHOICES
from .models import AuditEntry, Membership, Organisation, Role, User
from .names import PERSON_NAME_FIELDS, person_order, user_order
from .selectors import entries_about


class PersonOrderingFilter(django_filters.OrderingFilter):
    """Sort options in which a person's name sorts in Norwegian alphabetical order."""

    def get_ordering_value(self, param: str) -> Any:
        value = super().get_ordering_value(param)
        field = value.lstrip("-")
        if field.rsplit("__", 1)[-1] in PERSON_NAME_FIELDS:
            return person_order(field, descending=value.startswith("-"))[0]
        return value


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All"))
    ordering = PersonOrderingFilter(
        label=_("Sort by"),
        fields=(("user__last_name", "name"), ("role", "role"), ("created_at", "added")),
        field_labels={"user__last_name": _("Name"), "role": _("Role"), "created_at": _("Added")},
    )

    class Meta:
        model = Membership
        fields = ["role"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(user__email__icontains=value)
        )


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class AccessLogFilter(django_filters.FilterSet):
    """Who, which candidate, what and when; the people offered are the operator's members."""

    actor = django_filters.ModelChoiceFilter(
        label=_("Who"),
        queryset=User.objects.none(),
        empty_label=_("Everyone"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    candidate = django_filters.NumberFilter(
        label=_("Candidate id"),
        method="about_candidate",
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 1}),
    )
    action = django_filters.ChoiceFilter(
        label=_("What"),
        choices=ACTION_CHOICES,
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    since = django_filters.DateFilter(
        label=_("From"), field_name="at", lookup_expr="date__gte", widget=_date_input()
    )
    until = django_filters.DateFilter(
        label=_("To"), field_name="at", lookup_expr="date__lte", widget=_date_input()
    )

    class Meta:
        model = AuditEntry
        fields = ["actor", "action"]

    def __init__(self, *args, operator: Organisation, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.filters["actor"].queryset = User.objects.filter(
            memberships__operator=operator
        ).order_by(*user_order())

    def about_candidate(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return entries_about(queryset, int(value))
