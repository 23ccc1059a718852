import django_filters
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from candidates.selectors import search

from .models import Placement


class PlacementFilter(django_filters.FilterSet):
    # Fixed choice lists only: the rendered form is cached (core/templatetags/fragments.py).
    fragment_cacheable = True

    q = django_filters.CharFilter(label=_("Candidate"), method="by_name")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Placement.Status.choices, empty_label=_("All")
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("starts_on", "start"), ("planned_end", "end")),
        field_labels={"starts_on": _("Start"), "planned_end": _("Planned end")},
    )

    class Meta:
        model = Placement
        fields = ["status"]

    def by_name(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(candidate__in=search(Candidate.objects.all(), value).values("pk"))
