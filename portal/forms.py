from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    available_from = forms.DateField(
        label=_("I can start from (date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours_available = forms.IntegerField(
        label=_("Hours a week I can work"),
        required=False,
        min_value=0,
        max_value=80,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


LANGUAGES = settings.LANGUAGES


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        # Each language in its own name, as the switcher at the foot of the page shows them.
        choices=[
            ("", _("Let my browser choose")),
            *((code, get_language_info(code)["name_local"].capitalize()) for code, _n in LANGUAGES),
        ],
        widget=forms.RadioSelect,
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
