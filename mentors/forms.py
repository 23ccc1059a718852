"""Forms and list filters for mentoring and follow-up."""

from typing import Any, cast

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from candidates.selectors import search
from core.models import Membership, User
from core.names import user_order
from placements.forms import UserChoiceField
from placements.models import Placement
from programs.forms import DATE, LanguageCodesField, OccupationField
from programs.models import HostUnit, Programme

from .models import EvaluationQuestion, FollowUpNote, MentorProfile, MilestoneTemplate
from .services import MENTOR_ROLES


def mentors_of(operator_id: int) -> QuerySet[User]:
    """Users who may be assigned as mentors: active mentors and supervisors of the operator."""
    members = Membership.objects.filter(
        operator_id=operator_id, is_active=True, role__in=MENTOR_ROLES
    ).values("user_id")
    return User.objects.filter(pk__in=members).order_by(*user_order())


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Candidate) -> str:  # type: ignore[override]
        return obj.display_name


class PlacementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Placement) -> str:  # type: ignore[override]
        return f"{obj.host_unit.name} ({obj.starts_on:%d.%m.%Y})"


class MentorshipForm(forms.Form):
    candidate = CandidateChoiceField(label=_("Candidate"), queryset=Candidate.objects.none())
    mentor = UserChoiceField(label=_("Mentor"), queryset=User.objects.none())
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("Start"), widget=DATE)
    ends_on = forms.DateField(label=_("End"), widget=DATE, required=False)

    def __init__(self, *args: Any, operator_id: int, candidates: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = self._choice_field
        choice("candidate").queryset = candidates
        choice("mentor").queryset = mentors_of(operator_id)
        choice("programme").queryset = Programme.objects.filter(operator_id=operator_id)

    def _choice_field(self, name: str) -> forms.ModelChoiceField:
        return cast(forms.ModelChoiceField, self.fields[name])


class MentorshipEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)


class NoteForm(forms.Form):
    written_on = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=FollowUpNote.Kind.choices)
    placement = PlacementChoiceField(
        label=_("Placement"),
        queryset=Placement.objects.none(),
        required=False,
        empty_label=_("None (about the candidate)"),
    )
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 6}))
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Only you and the project lead can read a confidential note."),
    )

    def __init__(self, *args: Any, placements: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PlacementChoiceField, self.fields["placement"]).queryset = placements


class MilestoneTemplateForm(forms.ModelForm):
    class Meta:
        model = MilestoneTemplate
        fields = ["kind", "label", "anchor", "offset_days", "repeat_every_days"]
        labels = {
            "kind": _("Kind"),
            "label": _("Label"),
            "anchor": _("Counted from"),
            "offset_days": _("Days"),
            "repeat_every_days": _("Repeat every (days)"),
        }
        help_texts = {
            "label": _("Shown to supervisors and in reminders; the kind is used if empty."),
            "offset_days": _("Days after the start or midpoint, or before the end."),
        }

    def _post_clean(self) -> None:
        # The service validates and saves the template, then re-dates the placements.
        pass


class MilestoneDoneForm(forms.Form):
    on = forms.DateField(label=_("Done on"), widget=DATE, required=False)


RATINGS = [(i, str(i)) for i in range(1, 6)]
YES_NO = [(True, _("Yes")), (False, _("No"))]


def _to_bool(value: str) -> bool:
    return value == "True"


class EvaluationForm(forms.Form):
    """One required field per question: a 1–5 scale, yes or no, or free text."""

    def __init__(self, *args: Any, questions: list[EvaluationQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.kind == EvaluationQuestion.Kind.RATING:
                field: forms.Field = forms.TypedChoiceField(
                    choices=RATINGS, coerce=int, widget=forms.RadioSelect
                )
            elif question.kind == EvaluationQuestion.Kind.YES_NO:
                field = forms.TypedChoiceField(
                    choices=YES_NO, coerce=_to_bool, widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
                )
            field.label = question.text
            field.required = True
            self.fields[self.name_for(question)] = field

    @staticmethod
    def name_for(question: EvaluationQuestion) -> str:
        return f"q{question.pk}"

    def items(self) -> list[tuple[EvaluationQuestion, forms.BoundField]]:
        """Each question with its bound field, for templates that lay them out by hand."""
        return [(q, self[self.name_for(q)]) for q in self.questions]

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data[self.name_for(q)] for q in self.questions}


# --- Filters --------------------------------------------------------------------------------


class NoteFilter(django_filters.FilterSet):
    # Fixed choice lists only: the rendered form is cached (core/templatetags/fragments.py).
    fragment_cacheable = True

    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=FollowUpNote.Kind.choices,
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = FollowUpNote
        fields = ["kind"]


class MineFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Candidate"),
        method="by_name",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    class Meta:
        model = Candidate
        fields: list[str] = []

    def by_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, value)


class MentorProfileForm(forms.ModelForm):
    """What mentor matching weighs: languages, sectors, occupation, capacity and availability."""

    languages = LanguageCodesField(
        label=_("Languages"),
        required=False,
        help_text=_("ISO 639 codes separated by commas, for example ar, uk, so."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=HostUnit.Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The sectors you know from work."),
    )
    occupation = OccupationField(
        label=_("Occupation (STYRK-08)"),
        required=False,
        help_text=_("Type a code or part of the occupation's name and choose from the list."),
    )

    class Meta:
        model = MentorProfile
        fields = ["languages", "sectors", "occupation", "max_mentees", "available_from"]
        widgets = {"available_from": DATE}
