from django import forms
from django.utils.translation import gettext_lazy as _

from .services import ErasureReason


class EraseForm(forms.Form):
    """Erasure is confirmed by typing a word shown on the page (in the reader's language)."""

    reason = forms.ChoiceField(label=_("Why is the data erased?"), choices=ErasureReason.choices)
    confirm = forms.CharField(label=_("Confirmation"), max_length=40)

    def __init__(self, *args, word: str, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.word = word
        self.fields["confirm"].help_text = _("Type %(word)s to confirm.") % {"word": word}
        self.fields["confirm"].widget.attrs["autocomplete"] = "off"

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed.casefold() != self.word.casefold():
            raise forms.ValidationError(
                _("Type %(word)s exactly as shown to confirm.") % {"word": self.word}
            )
        return typed


class LegalHoldForm(forms.Form):
    hold = forms.BooleanField(required=False)
    reason = forms.CharField(label=_("Reason for the legal hold"), max_length=200, required=False)
