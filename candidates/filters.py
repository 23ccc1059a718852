import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.widgets import LeanSelect

from .models import CEFR, Candidate
from .selectors import name_order, search


class CandidateFilter(django_filters.FilterSet):
    # Fixed choice lists only: the rendered form is cached (core/templatetags/fragments.py).
    fragment_cacheable = True

    q = django_filters.CharFilter(label=_("Name"), method="by_name")
    nationality = django_filters.ChoiceFilter(
        label=_("Nationality"),
        choices=lambda: list(countries),
        empty_label=_("All"),
        widget=LeanSelect,  # every country: Django's per-option templates cost most of the page
    )
    norwegian_level = django_filters.ChoiceFilter(
        label=_("Norwegian level"), choices=CEFR.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Candidate.Status.choices, empty_label=_("All")
    )
    order = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="by_order",
        empty_label=_("Name (A–Å)"),
        choices=[("-name", _("Name (Å–A)")), ("-created", _("Newest first"))],
    )

    class Meta:
        model = Candidate
        fields = ["nationality", "norwegian_level", "status"]

    def by_name(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return search(queryset, value)

    def by_order(self, queryset, name, value):  # type: ignore[no-untyped-def]
        if value == "-created":
            return queryset.order_by("-created_at", "-pk")
        return queryset.order_by(*name_order(descending=True), "-pk")

    @property
    def qs(self):  # type: ignore[no-untyped-def]
        queryset = super().qs
        if not self.form.cleaned_data.get("order"):
            queryset = queryset.order_by(*name_order(), "pk")
        return queryset
