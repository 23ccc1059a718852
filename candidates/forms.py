from typing import Any

from babel import Locale
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import limit_choices, set_choices
from programs.forms import DATE, OccupationField
from programs.models import Cohort, Position

from .models import Application, Candidate, Consent
from .services import CANDIDATE_FIELDS

# Languages offered for "other languages": the ones most spoken by immigrants in Norway first
# would be nicer, but a full ISO 639-1 list keyed by code keeps imports and exports simple.
COMMON_LANGUAGES = [
    "ar",
    "ti",
    "am",
    "so",
    "fa",
    "ps",
    "uk",
    "ru",
    "pl",
    "lt",
    "ur",
    "ku",
    "tr",
    "es",
    "fr",
    "en",
    "de",
    "it",
    "pt",
    "vi",
    "th",
    "zh",
    "hi",
    "bn",
    "ta",
    "sw",
    "om",
    "prs",
    "tl",
    "ro",
    "sq",
]


def language_choices() -> list[tuple[str, str]]:
    names = Locale.parse((get_language() or "nb").replace("-", "_")).languages
    return sorted(((c, names.get(c, c).capitalize()) for c in COMMON_LANGUAGES), key=lambda x: x[1])


class CandidateForm(forms.ModelForm):
    national_id = forms.CharField(
        label=_("National identity number, D number or DUF number"),
        required=False,
        max_length=20,
        help_text=_("Optional. Stored only when there is a need for secure identification."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    profession = OccupationField(label=_("Profession (STYRK-08)"), required=False)
    other_languages = forms.MultipleChoiceField(
        label=_("Other languages"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Candidate
        fields = list(CANDIDATE_FIELDS)
        widgets = {"birth_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "other_languages", language_choices())
        self.fields["profession"].widget.attrs.update(
            {"list": "occupation-options", "autocomplete": "off"}
        )
        for name in (
            "given_name",
            "family_name",
            "given_name_latin",
            "family_name_latin",
            "preferred_name",
        ):
            self.fields[name].widget.attrs["dir"] = "auto"

    def _post_clean(self) -> None:
        # The service validates the id and the model together; the form must not reject an
        # instance whose id has not been applied yet.
        pass


class FindByIdForm(forms.Form):
    national_id = forms.CharField(
        label=_("National identity number, D number or DUF number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["purpose", "given_on"]
        widgets = {"given_on": DATE}


class ApplicationForm(forms.Form):
    target = forms.ChoiceField(label=_("Applies for"))

    def __init__(self, *args: Any, operator_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cohorts = Cohort.objects.filter(programme__operator_id=operator_id).select_related(
            "programme"
        )
        positions = Position.objects.filter(
            programme__operator_id=operator_id, status=Position.Status.OPEN
        ).select_related("host_unit")
        set_choices(
            self,
            "target",
            [
                (
                    _("Cohorts"),
                    [(f"cohort:{c.pk}", f"{c.programme.name} – {c.name}") for c in cohorts],
                ),
                (
                    _("Open positions"),
                    [(f"position:{p.pk}", f"{p.title} – {p.host_unit.name}") for p in positions],
                ),
            ],
        )
        self._cohorts = {str(c.pk): c for c in cohorts}
        self._positions = {str(p.pk): p for p in positions}

    def target_kwargs(self) -> dict[str, Any]:
        kind, pk = self.cleaned_data["target"].split(":")
        if kind == "cohort":
            return {"cohort": self._cohorts[pk]}
        return {"position": self._positions[pk]}


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=Application.Stage.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class BulkMoveForm(MoveForm):
    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        error_messages={"required": _("Choose at least one application.")},
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "applications", queryset)
