import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Reminder, ReminderKind, SentReminder


class UpcomingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ReminderKind.choices, empty_label=_("All")
    )

    class Meta:
        model = Reminder
        fields = ["kind"]


class SentLogFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="reminder__kind",
        label=_("Kind"),
        choices=ReminderKind.choices,
        empty_label=_("All"),
    )

    class Meta:
        model = SentReminder
        fields = ["kind"]
