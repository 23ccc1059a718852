from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BoundField
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from core.forms import limit_choices
from core.models import Organisation

from .models import (
    REQUIREMENT_FIELDS,
    Cohort,
    EmployerCommitment,
    HostUnit,
    JobOpening,
    Municipality,
    Occupation,
    OutcomeKind,
    Position,
    Programme,
)
from .selectors import search_occupations
from .services import cohort_default_end

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.ModelForm):
    goal_outcome_kinds = forms.MultipleChoiceField(
        label=_("Goal: outcomes that count"),
        choices=OutcomeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "kind",
            "description",
            "starts_on",
            "ends_on",
            "partners",
            "goal_target",
            "goal_outcome_kinds",
            "goal_deadline",
            "wall_of_fame_public",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "goal_deadline": DATE,
            "partners": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, operator: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.operator = operator
        limit_choices(self, "partners", Organisation.objects.filter(operator=operator))


class FundingShareForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Organisation.objects.none())
    percent = forms.IntegerField(label=_("Percent"), min_value=1, max_value=100)

    def __init__(
        self, *args: Any, parties: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The formset passes the operator's parties (get_form_kwargs); without them none is
        # offered, so a form built another way can never pick another operator's organisation.
        if parties is not None:
            limit_choices(self, "party", parties)


class BaseFundingFormSet(forms.BaseFormSet):
    # Set from a service's refusal of the shares as a whole (e.g. they do not add up to 100).
    _non_form_errors: ErrorList | None

    def __init__(self, *args: Any, parties: QuerySet[Organisation], **kwargs: Any) -> None:
        self.parties = parties
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"parties": self.parties}

    def shares(self) -> list[tuple[Organisation, int]]:
        return [
            (f.cleaned_data["party"], f.cleaned_data["percent"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


# formset_factory's subclass keeps BaseFundingFormSet's signature; the stubs return the base.
FundingFormSet = cast(
    type[BaseFundingFormSet],
    forms.formset_factory(
        FundingShareForm, formset=BaseFundingFormSet, extra=3, max_num=10, can_delete=True
    ),
)


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "capacity"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"ends_on": _("Leave empty for a trainee cohort: it then runs for 12 months.")}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["ends_on"].required = programme.kind != Programme.Kind.TRAINEE

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("starts_on") and not cleaned.get("ends_on"):
            cleaned["ends_on"] = cohort_default_end(
                programme=self.instance.programme, starts_on=cleaned["starts_on"]
            )
        return cleaned


class HostUnitForm(forms.ModelForm):
    # Wider than the stored nine digits: people type "994 316 850"; spaces are removed in clean.
    org_number = forms.CharField(label=_("Organisation number"), max_length=20, required=False)

    class Meta:
        model = HostUnit
        fields = [
            "name",
            "sector",
            "org_number",
            "municipality",
            "contact_name",
            "contact_email",
            "contact_phone",
            "is_active",
        ]

    def __init__(self, *args: Any, operator: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.operator = operator
        self.fields["org_number"].widget.attrs.update({"inputmode": "numeric", "maxlength": 9})

    def clean_org_number(self) -> str:
        return "".join(self.cleaned_data["org_number"].split())


class OccupationField(forms.CharField):
    """A text field with suggestions; accepts "2511" or "2511 Systemanalytikere/-arkitekter"."""

    def to_python(self, value: Any) -> Occupation | None:  # type: ignore[override]
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        match = search_occupations(text.split()[0] if text[:1].isdigit() else text, limit=2)
        exact = [o for o in match if o.code == text.split()[0] or str(o) == text]
        if len(exact) == 1:
            return exact[0]
        if len(match) == 1:
            return match[0]
        raise ValidationError(
            _("Choose an occupation from the list (a four-digit STYRK-08 code)."), code="invalid"
        )

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, Occupation):
            return str(value)
        if value and str(value).isdigit():
            occupation = Occupation.objects.filter(code=value).first()
            return str(occupation) if occupation else str(value)
        return value or ""


class LanguageCodesField(forms.CharField):
    """ISO 639 codes typed as "ar, uk"; kept as a list (the model validates the codes)."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return sorted({c.strip().lower() for c in text.replace(";", ",").split(",") if c.strip()})


class RequirementsFormMixin(forms.ModelForm):
    """The requirement fields (programs.requirements.Requirements) for any opening's form."""

    languages = LanguageCodesField(
        label=_("Other languages wanted"),
        required=False,
        help_text=_("ISO 639 codes separated by commas, for example ar, uk, so."),
    )

    def requirement_fields(self) -> list[BoundField]:
        """The requirement fields, which the form page sets apart in a fieldset of their own."""
        return [self[name] for name in REQUIREMENT_FIELDS if name in self.fields]

    def other_fields(self) -> list[BoundField]:
        return [field for field in self if field.name not in REQUIREMENT_FIELDS]

    def setup_requirements(self) -> None:
        limit_choices(self, "work_municipality", Municipality.objects.order_by("name"))
        self.fields["work_municipality"].help_text = _(
            "Empty: the host unit's municipality. Distances are measured from here."
        )


class OpeningFormBase(RequirementsFormMixin):
    """Positions' and job openings' forms: the occupation with suggestions and the requirements."""

    instance: Position | JobOpening

    occupation = OccupationField(
        label=_("Occupation (STYRK-08)"),
        required=False,
        help_text=_("Type a code or part of the occupation's name and choose from the list."),
    )

    def setup_opening(self) -> None:
        self.setup_requirements()
        self.fields["occupation"].widget.attrs.update(
            {"list": "occupation-options", "autocomplete": "off"}
        )


class PositionForm(OpeningFormBase, forms.ModelForm):
    class Meta:
        model = Position
        fields = [
            "host_unit",
            "cohort",
            "title",
            "occupation",
            "qualifications",
            "slots",
            "starts_on",
            "ends_on",
            *REQUIREMENT_FIELDS,
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "must_haves": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        limit_choices(
            self,
            "host_unit",
            HostUnit.objects.filter(operator_id=programme.operator_id, is_active=True),
        )
        limit_choices(self, "cohort", programme.cohorts.all())
        self.setup_opening()


class JobOpeningForm(OpeningFormBase, forms.ModelForm):
    """An employer's job opening, with the same requirement fields as a position's form."""

    class Meta:
        model = JobOpening
        fields = [
            "employer",
            "title",
            "occupation",
            "slots",
            "starts_on",
            "status",
            *REQUIREMENT_FIELDS,
        ]
        widgets = {"starts_on": DATE, "must_haves": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        limit_choices(
            self,
            "employer",
            HostUnit.objects.filter(operator_id=programme.operator_id, is_active=True).exclude(
                sector=HostUnit.Sector.MUNICIPAL
            ),
        )
        self.setup_opening()


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = EmployerCommitment
        fields = ["employer", "committed_on", "pledge", "note", "named_publicly"]
        widgets = {"committed_on": DATE}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        limit_choices(
            self,
            "employer",
            HostUnit.objects.filter(operator_id=programme.operator_id).exclude(
                sector=HostUnit.Sector.MUNICIPAL
            ),
        )
