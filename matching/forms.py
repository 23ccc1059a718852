from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MatchWeights
from .scoring import Weights


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this candidate not suitable?"),
        max_length=300,
        help_text=_("Kept with the decision; the candidate no longer appears in this shortlist."),
    )


class WeightsForm(forms.ModelForm):
    class Meta:
        model = MatchWeights
        fields = list(Weights.FIELDS)
        widgets = {name: forms.NumberInput(attrs={"min": 0, "max": 100}) for name in Weights.FIELDS}


class MentorProposeForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Mentorship starts"), widget=forms.DateInput(attrs={"type": "date"})
    )
