"""Forms for the host's pages and the lead's review. The need and opening forms carry the same
requirement fields as positions (programs.forms.RequirementsFormMixin), in plain words."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import limit_choices
from programs.forms import DATE, OccupationField, RequirementsFormMixin
from programs.models import HostUnit, Programme

from .models import Submission
from .selectors import cohorts_open_for_needs, networks_for
from .services import COMMITMENT_FIELDS, NEED_FIELDS, OPENING_FIELDS

YES_NO = [(True, _("Yes")), (False, _("No"))]


def _occupation() -> OccupationField:
    return OccupationField(
        label=_("Occupation (STYRK-08)"),
        required=False,
        help_text=_("Write a few letters of the occupation or its code, and choose from the list."),
    )


class _Large:
    """Large touch targets on a phone: every input gets Bootstrap's large size."""

    def enlarge(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                continue
            size = "form-select-lg" if isinstance(widget, forms.Select) else "form-control-lg"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {size}".strip()


class NeedForm(_Large, RequirementsFormMixin, forms.ModelForm):
    occupation = _occupation()

    class Meta:
        model = Submission
        fields = list(NEED_FIELDS)
        labels = {
            "cohort": _("Which programme and start"),
            "title": _("What is the job called?"),
            "slots": _("How many people?"),
            "starts_on": _("From"),
            "ends_on": _("Until"),
            "qualifications": _("What should they know?"),
        }
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "must_haves": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args: Any,
        host: HostUnit | None = None,
        today: datetime.date | None = None,
        programme: Programme | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if programme is not None:  # the lead's review: the submission's own programme
            limit_choices(self, "cohort", programme.cohorts.all())
        elif host is not None:
            cohorts = cohorts_open_for_needs(host, today or datetime.date.today())
            limit_choices(self, "cohort", cohorts)
            self.fields["cohort"].required = True
            self.fields["cohort"].label_from_instance = (  # type: ignore[attr-defined]
                lambda cohort: f"{cohort.programme.name} · {cohort.name}"
            )
        self.setup_requirements()
        self.fields["occupation"].widget.attrs.update(
            {"list": "occupation-options", "autocomplete": "off"}
        )
        # The model allows them empty (a commitment has neither); a need and an opening do not.
        self.fields["title"].required = True
        self.fields["starts_on"].required = True
        self.enlarge()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        cohort = data.get("cohort")
        if cohort is not None and not self.instance.programme_id:
            self.instance.programme = cohort.programme
        return data


class OpeningForm(_Large, RequirementsFormMixin, forms.ModelForm):
    occupation = _occupation()

    class Meta:
        model = Submission
        fields = ["programme", *OPENING_FIELDS]
        labels = {
            "programme": _("Which network"),
            "title": _("What is the job called?"),
            "slots": _("How many people?"),
            "starts_on": _("From"),
        }
        widgets = {"starts_on": DATE, "must_haves": forms.Textarea(attrs={"rows": 2})}

    def __init__(
        self,
        *args: Any,
        host: HostUnit | None = None,
        today: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if host is None:  # the lead's review: the programme stays as sent
            del self.fields["programme"]
        else:
            limit_choices(self, "programme", networks_for(host, today or datetime.date.today()))
        self.setup_requirements()
        self.fields["occupation"].widget.attrs.update(
            {"list": "occupation-options", "autocomplete": "off"}
        )
        # The model allows them empty (a commitment has neither); a need and an opening do not.
        self.fields["title"].required = True
        self.fields["starts_on"].required = True
        self.enlarge()


class CommitmentForm(_Large, forms.ModelForm):
    named_publicly = forms.TypedChoiceField(
        label=_("May we name you on the network's public page of employers who hired?"),
        choices=YES_NO,
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        initial=False,
    )

    class Meta:
        model = Submission
        fields = ["programme", *COMMITMENT_FIELDS]
        labels = {
            "programme": _("Which network"),
            "pledge": _("How many people will you hire?"),
            "note": _("Anything you want to add"),
        }

    def __init__(
        self,
        *args: Any,
        host: HostUnit | None = None,
        today: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if host is None:
            del self.fields["programme"]
        else:
            limit_choices(self, "programme", networks_for(host, today or datetime.date.today()))
        self.fields["pledge"].required = True
        self.fields["pledge"].min_value = 1  # type: ignore[attr-defined]
        self.enlarge()


FORMS: dict[str, type[forms.ModelForm]] = {
    Submission.Kind.NEED: NeedForm,
    Submission.Kind.OPENING: OpeningForm,
    Submission.Kind.COMMITMENT: CommitmentForm,
}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why? The host unit sees this."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SupervisorEnterForm(forms.Form):
    host_unit = forms.ModelChoiceField(queryset=HostUnit.objects.none(), label=_("Host unit"))
