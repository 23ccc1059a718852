from typing import Any

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from programs.forms import DATE

from .logos import MAX_UPLOAD_BYTES, check_logo
from .models import (
    ABSENCE_MAX_CHARS,
    ASSESSMENT_MAX_CHARS,
    TASKS_MAX_CHARS,
    Document,
    Letterhead,
)

TEXT_LIMITS = {
    "tasks": TASKS_MAX_CHARS,
    "absence": ABSENCE_MAX_CHARS,
    "assessment": ASSESSMENT_MAX_CHARS,
}

# A PDF we issued is tens of kilobytes; anything near this is not one of ours.
MAX_PDF_UPLOAD_BYTES = 5 * 1024 * 1024

COMMON_FIELDS = ["language", "workplace", "role_title", "starts_on", "ends_on", "hours_per_week"]
FIELDS_BY_KIND = {
    Document.Kind.ATTEST: [*COMMON_FIELDS, "tasks", "absence"],
    Document.Kind.REFERENCE: [
        *COMMON_FIELDS,
        "tasks",
        "assessment",
        "referee_name",
        "referee_title",
        "referee_contact",
    ],
}


WIDGETS: dict[str, forms.Widget | type[forms.Widget]] = {
    "starts_on": DATE,
    "ends_on": DATE,
    "tasks": forms.Textarea(attrs={"rows": 6}),
    "absence": forms.Textarea(attrs={"rows": 2}),
    "assessment": forms.Textarea(attrs={"rows": 8}),
    "address": forms.Textarea(attrs={"rows": 3}),
}


class DocumentForm(forms.Form):
    """The draft's facts and text; which fields show depends on the kind.

    A plain form built from the model's fields: the service, not the form, builds and validates
    the Document (it sets the operator, placement and status the form never sees).
    """

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = FIELDS_BY_KIND[Document.Kind(kind)]
        self.fields.update(fields_for_model(Document, fields=names, widgets=WIDGETS))
        self.fields["hours_per_week"].widget.attrs.update({"step": "0.5", "min": "0.5"})
        for name, limit in TEXT_LIMITS.items():
            if name in self.fields:
                self.fields[name].widget.attrs["maxlength"] = limit

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


LETTERHEAD_FIELDS = ["name", "address", "contact", "place", "signatory_name", "signatory_title"]


class LetterheadForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = fields_for_model(Letterhead, fields=LETTERHEAD_FIELDS, widgets=WIDGETS)
        self.fields = {**fields, **self.fields}

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 500 kB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean_logo(self):  # type: ignore[no-untyped-def]
        logo = self.cleaned_data.get("logo")
        if logo:
            if logo.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("The logo may be at most 500 kB."))
            check_logo(logo)
        return logo or None


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        help_text=_("Printed at the bottom of the document, for example ABCDE-23456."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    pdf = forms.FileField(
        label=_("The PDF you received (optional)"),
        required=False,
        help_text=_("We compare it with the issued document. At most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_pdf(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data.get("pdf")
        if not upload:
            return None
        if upload.size > MAX_PDF_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("The file is not a PDF."))
        return upload
