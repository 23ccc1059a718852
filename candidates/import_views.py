"""Import of candidates from a spreadsheet: template download, upload with preview, confirm.

Nothing is stored on the server between the preview and the confirmation: the confirm form
carries the file itself (compressed, base64) and a signature over it, bound to the user and the
operator and valid for a limited time. Confirming re-reads and re-validates the file from scratch.
"""

import base64
import binascii
import csv
import hashlib
import io
import zlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from core.http import MemberRequest
from core.permissions import requires

from . import imports

SIGNING_SALT = "candidates.import.confirm"
# Long enough to read a preview of a few thousand rows, short enough that an old page expires.
CONFIRM_MAX_AGE = 60 * 60
# Room for the CSRF token and the other fields next to the carried file.
POST_MARGIN = 64 * 1024
TEMPLATE = "candidates/import.html"
TEMPLATE_FILENAME = "kandidatimport"

# The example row of the downloadable template: a fictional person, and no id number, so a
# template uploaded unchanged can never put a real person's number into the register.
EXAMPLE = {
    "given_name": "ሰላም",
    "family_name": "ተስፋዬ",
    "given_name_latin": "Selam",
    "family_name_latin": "Tesfaye",
    "preferred_name": "Selam",
    "birth_date": "1992-03-14",
    "gender": "female",
    "email": "selam.tesfaye@example.org",
    "phone": "+47 400 00 000",
    "national_id": "",
    "country_of_birth": "ER",
    "nationality": "ER",
    "arrival_year": "2021",
    "education_level": "bachelor",
    "education_field": "Sykepleie",
    "norwegian_level": "B1",
    "nav_caseworker": "",
    "nav_office": "NAV Eksempel",
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet file (CSV or Excel .xlsx)"),
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Built per request: the links need reverse() and the text the active language.
        link = '<a href="{}">{}</a>'
        links = {
            "xlsx": format_html(link, _template_url("xlsx"), _("Excel template (.xlsx)")),
            "csv": format_html(link, _template_url("csv"), _("CSV template")),
        }
        # One sentence with placeholders, so translators can order it; the links are escaped
        # by format_html and the translated text by conditional_escape.
        start = conditional_escape(_("Start from the %(xlsx)s or the %(csv)s.")) % links
        limits = _(
            "One candidate per row, at most %(rows)d rows and %(size)d MB. Replace the example row."
        ) % {"rows": imports.MAX_ROWS, "size": imports.MAX_BYTES // (1024 * 1024)}
        escaped_limits = conditional_escape(limits)
        # Both parts are escaped; mark_safe only keeps the two links as links.
        help_text = mark_safe(f"{start} {escaped_limits}")  # nosec B308, B703
        self.fields["file"].help_text = help_text


def _template_url(fmt: str) -> str:
    return reverse("candidates:import_template", kwargs={"fmt": fmt})


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    signature = forms.CharField(widget=forms.HiddenInput)


def _fingerprint(request: MemberRequest, data: str) -> str:
    # Bound to the user and the operator: a payload cannot be confirmed by someone else or
    # into another operator even if it were copied out of a page.
    digest = hashlib.sha256(data.encode()).hexdigest()
    return f"{request.user.pk}:{request.membership.operator_id}:{digest}"


def _pack(request: MemberRequest, raw: bytes) -> ConfirmForm:
    data = base64.b64encode(zlib.compress(raw)).decode("ascii")
    signature = signing.TimestampSigner(salt=SIGNING_SALT).sign(_fingerprint(request, data))
    return ConfirmForm(initial={"payload": data, "signature": signature})


class TamperedPayload(Exception):
    pass


def _unpack(request: MemberRequest) -> bytes:
    """The carried file's bytes, or TamperedPayload when the signature does not hold."""
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        raise TamperedPayload
    data, signature = form.cleaned_data["payload"], form.cleaned_data["signature"]
    try:
        signed = signing.TimestampSigner(salt=SIGNING_SALT).unsign(
            signature, max_age=CONFIRM_MAX_AGE
        )
    except signing.BadSignature:  # also SignatureExpired
        raise TamperedPayload from None
    # Compared only after the signature holds, and before anything is decoded or unpacked.
    if signed != _fingerprint(request, data):
        raise TamperedPayload
    try:
        unpacker = zlib.decompressobj()
        raw = unpacker.decompress(base64.b64decode(data, validate=True), imports.MAX_BYTES + 1)
    except (binascii.Error, zlib.error):
        raise TamperedPayload from None
    return raw


def _fits_in_a_post(confirm: ConfirmForm) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit is None or len(confirm.initial["payload"]) + POST_MARGIN <= limit


def _preview(
    request: HttpRequest, report: imports.ImportReport, confirm: ConfirmForm | None
) -> HttpResponse:
    return render(
        request,
        TEMPLATE,
        {
            "form": ImportForm(),
            "report": report,
            "confirm_form": confirm,
            "ok_count": len(report.rows) - report.error_count,
        },
    )


@requires("candidates.manage")
def import_upload(request: MemberRequest) -> HttpResponse:
    """Show the form; on upload, a preview of every row; on confirm, import all rows or none."""
    operator = request.membership.operator
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read_rows(upload)
        except imports.ImportFileError as exc:
            form.add_error("file", exc)
        else:
            report = imports.validate_import(operator=operator, rows=rows)
            confirm = None
            if not report.has_errors:
                upload.seek(0)
                confirm = _pack(request, upload.read())
                if not _fits_in_a_post(confirm):
                    form.add_error(
                        "file",
                        _(
                            "The file is too large to confirm in one step. Save it as CSV, "
                            "or split it into smaller files."
                        ),
                    )
                    return render(request, TEMPLATE, {"form": form})
            return _preview(request, report, confirm)
    return render(request, TEMPLATE, {"form": form})


def _confirm(request: MemberRequest) -> HttpResponse:
    try:
        raw = _unpack(request)
    except TamperedPayload:
        problem = _(
            "The confirmation could not be verified (it may have expired). "
            "Nothing was imported. Upload the file again."
        )
        return render(request, TEMPLATE, {"form": ImportForm(), "problem": problem}, status=400)
    try:
        rows = imports.read_rows(ContentFile(raw, name="import"))
        created = imports.run_import(
            operator=request.membership.operator,
            rows=rows,
            by=request.user,
        )
    except imports.ImportRejected as exc:
        # Something changed since the preview (e.g. a candidate registered meanwhile).
        return _preview(request, exc.report, None)
    except imports.ImportFileError as exc:
        # Cannot happen with a file that passed the preview, unless the rules changed meanwhile.
        problem = " ".join(exc.messages)
        return render(request, TEMPLATE, {"form": ImportForm(), "problem": problem})
    messages.success(
        request,
        ngettext("%(count)d candidate imported.", "%(count)d candidates imported.", len(created))
        % {"count": len(created)},
    )
    return redirect("candidates:list")


def _template_headers() -> list[str]:
    english = (get_language() or "").startswith("en")
    return [column.english if english else column.header for column in imports.COLUMNS]


def _example_row() -> list[str]:
    return [EXAMPLE[column.field] for column in imports.COLUMNS]


@requires("candidates.manage")
def import_template(request: MemberRequest, fmt: str) -> HttpResponse:
    """Download an empty template (headings and one fictional example row) as CSV or XLSX."""
    if fmt == "csv":
        buffer = io.StringIO()
        # Semicolon and BOM: what Excel in a Norwegian locale opens correctly by double-click.
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(_template_headers())
        writer.writerow(_example_row())
        body = ("\ufeff" + buffer.getvalue()).encode("utf-8")
        content_type = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = _xlsx_template()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}.{fmt}"'
    return response


def _xlsx_template() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Candidates")[:31]
    sheet.append(_template_headers())
    sheet.append(_example_row())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(imports.COLUMNS, start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(14, len(column.header) + 2)
        # Text, not numbers, for the whole column: Excel would drop the leading zero of an id or
        # a phone number typed into a number cell.
        dimension.number_format = "@"
        sheet.cell(row=2, column=index).number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
