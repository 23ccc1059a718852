from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import ReminderKind, ReminderPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("When do you want your reminders?"),
        choices=ReminderPreference.Delivery.choices,
        widget=forms.RadioSelect,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Remind me about"),
        choices=ReminderKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Untick what you do not want to hear about."),
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    @classmethod
    def for_preference(cls, preference: ReminderPreference, data=None) -> "PreferenceForm":  # type: ignore[no-untyped-def]
        muted = set(preference.muted_kinds or [])
        initial = {
            "delivery": preference.delivery,
            "kinds": [kind for kind in ReminderKind.values if kind not in muted],
            "language": preference.language,
        }
        return cls(data, initial=initial)

    @property
    def muted_kinds(self) -> list[str]:
        wanted = set(self.cleaned_data["kinds"])
        return [kind for kind in ReminderKind.values if kind not in wanted]
