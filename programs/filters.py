import django_filters
from django.utils.translation import gettext_lazy as _

from .models import HostUnit, Programme


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Programme.Kind.choices, empty_label=_("All")
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("starts_on", "start"), ("slots_total", "slots")),
        field_labels={"name": _("Name"), "starts_on": _("Start"), "slots_total": _("Slots")},
    )

    class Meta:
        model = Programme
        fields = ["kind"]


class HostUnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=HostUnit.Sector.choices, empty_label=_("All")
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("sector", "sector"), ("open_positions", "open")),
        field_labels={
            "name": _("Name"),
            "sector": _("Sector"),
            "open_positions": _("Open positions"),
        },
    )

    class Meta:
        model = HostUnit
        fields = ["sector", "is_active"]
