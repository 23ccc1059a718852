from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SubjectRequest


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("The candidate asks for"), choices=SubjectRequest.Kind.choices)
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
