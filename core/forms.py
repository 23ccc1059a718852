from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .models import Membership, RetentionPolicy, Role

T = TypeVar("T")

# Django 6.1's label for the empty choice of a select; its own bokmål catalogue lacks it, so it
# is marked here for ours (which takes precedence) to translate.
EMPTY_CHOICE_LABEL = gettext_noop("- Select an option -")


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, operator, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.operator = operator

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if Membership.objects.filter(operator=self.operator, user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of this operator."))
        return email


class MemberChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False)


class RetentionPolicyForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["rejected_months", "finished_months", "notes_months", "access_log_months"]
        widgets = {
            name: forms.NumberInput(attrs={"class": "form-control"})
            for name in ["rejected_months", "finished_months", "notes_months", "access_log_months"]
        }


class UserLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, default_label: str, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", default_label), *settings.LANGUAGES]


class OperatorLanguageForm(forms.Form):
    default_language = forms.ChoiceField(
        label=_("Default language"),
        required=False,
        choices=[("", _("The language each browser asks for")), *settings.LANGUAGES],
        help_text=_("For members who have not chosen a language themselves."),
    )


class LoginForm(AuthenticationForm):
    """Accounts are named by their e-mail address."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer only the rows of ``queryset`` in a model choice field (the user's scoped rows)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name!r} is not a model choice field")
    field.queryset = queryset


def set_choices(form: forms.BaseForm, name: str, choices: Any) -> None:
    """Replace the choices of a choice field (computed per request, e.g. in the user's language)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name!r} is not a choice field")
    field.choices = choices


def call_service[T](form: forms.BaseForm, service: Callable[..., T], **kwargs: Any) -> T | None:
    """Call a write service; on ValidationError put its messages on the form and return None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None


def id_param(value: str | None) -> int | None:
    """A row id from a query or POST parameter, or None when it is not one (never raises).

    ``str.isdigit()`` alone is not enough: it accepts "²", and int() refuses that (and any
    string of more than 4300 digits), which would be a server error.
    """
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None
