import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All"))
    ordering = django_filters.OrderingFilter(
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
