"""The PDF renderer for attests and references: one contract, ``render(document)``.

It follows ``reports.pdf.Renderer``: the filename comes from ids and dates only, the bytes from
``render_pdf`` (PDF/A-3b, fonts embedded, user text autoescaped, nothing fetched but our static
files and the letterhead logo as a data: URL), and rendering writes nothing anywhere.
"""

import logging
import re
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from core.emails import absolute_url

from .logos import logo_data_url
from .models import Document, Letterhead
from .pdf import render_pdf

logger = logging.getLogger(__name__)

TEMPLATE = "reports/pdf/document.html"
BABEL_LOCALE = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}

# The PDF's fixed texts. The msgids are English, as everywhere, and the document's language
# (not the reader's) picks the translation. A bokmål PDF is an archival record handed to an
# employer: it must never come out with English phrases because the catalogue has not caught up
# yet, so the bokmål wording is kept here too and used whenever gettext has no translation.
PHRASES: dict[str, str] = {
    "title_attest": gettext_noop("Certificate of service"),
    "title_reference": gettext_noop("Reference"),
    "name": gettext_noop("Name"),
    "programme": gettext_noop("Programme"),
    "workplace": gettext_noop("Workplace"),
    "role": gettext_noop("Position"),
    "period": gettext_noop("Period"),
    "hours": gettext_noop("Working hours"),
    "tasks": gettext_noop("Tasks and responsibilities"),
    "absence": gettext_noop("Absence"),
    "assessment": gettext_noop("Assessment"),
    "referee": gettext_noop("Contact for the reference"),
    "signature": gettext_noop("Signature"),
    "period_value": gettext_noop("%(start)s to %(end)s"),
    "hours_value": gettext_noop("%(hours)s hours per week"),
    "verify": gettext_noop(
        "Check that this document is genuine at %(url)s with the code %(code)s."
    ),
    "document_number": gettext_noop("Document %(number)s, version %(version)s"),
    "replaces": gettext_noop("Replaces version %(version)s."),
}

BOKMAL: dict[str, str] = {
    "Certificate of service": "Attest",
    "Reference": "Referanse",
    "Name": "Navn",
    "Programme": "Program",
    "Workplace": "Arbeidssted",
    "Position": "Stilling",
    "Period": "Periode",
    "Working hours": "Arbeidstid",
    "Tasks and responsibilities": "Arbeidsoppgaver og ansvar",
    "Absence": "Fravær",
    "Assessment": "Vurdering",
    "Contact for the reference": "Kontaktperson for referansen",
    "Signature": "Underskrift",
    "%(start)s to %(end)s": "%(start)s til %(end)s",
    "%(hours)s hours per week": "%(hours)s timer per uke",
    "Check that this document is genuine at %(url)s with the code %(code)s.": (
        "Kontroller at dokumentet er ekte på %(url)s med koden %(code)s."
    ),
    "Document %(number)s, version %(version)s": "Dokument %(number)s, versjon %(version)s",
    "Replaces version %(version)s.": "Erstatter versjon %(version)s.",
}


def phrase(msgid: str, language: str) -> str:
    """The catalogue's translation in the active language, else the built-in bokmål wording."""
    translated = gettext(msgid)
    if language == "nb" and translated == msgid:
        return BOKMAL[msgid]
    return translated


def phrases(language: str) -> dict[str, str]:
    """Every fixed text of the PDF in ``language`` (call inside translation.override)."""
    return {key: phrase(msgid, language) for key, msgid in PHRASES.items()}


def document_filename(document: Document) -> str:
    """attest-<placement>-<document>-v<version>-<yyyymmdd>.pdf: ids and dates, no free text."""
    day = document.issued_on.strftime("%Y%m%d") if document.issued_on else "draft"
    return f"{document.kind}-{document.placement_id}-{document.pk}-v{document.version}-{day}.pdf"


def verification_url(code: str) -> str:
    return absolute_url(f"{reverse('documents:verify')}?code={code}")


def _letterhead(document: Document) -> dict[str, object]:
    letterhead = Letterhead.objects.filter(operator_id=document.operator_id).first()
    if letterhead is None:
        return {"name": document.issuer_name or document.operator.name, "address_lines": []}
    logo = None
    if letterhead.logo:
        try:
            with letterhead.logo.open("rb") as handle:
                logo = logo_data_url(handle.read())
        except OSError:
            logger.warning("letterhead logo of operator %s is missing", document.operator_id)
    return {
        "name": document.issuer_name or letterhead.name,
        "address_lines": [line for line in letterhead.address.splitlines() if line.strip()],
        "contact": letterhead.contact,
        "place": letterhead.place,
        "logo": logo,
        "signatory_name": letterhead.signatory_name,
        "signatory_title": letterhead.signatory_title,
    }


def _verify_parts(sentence: str, code: str, raw_code: str) -> list[tuple[str, str]]:
    """The verification sentence as (kind, text) parts, so the template can make the URL a link
    and keep the code on one line; a translation that drops a placeholder still shows both."""
    if not code:
        return []
    values = {"url": verification_url(raw_code), "code": code}
    parts: list[tuple[str, str]] = []
    for index, piece in enumerate(re.split(r"%\((url|code)\)s", sentence)):
        if index % 2:
            parts.append((piece, values.pop(piece, "")))
        elif piece:
            parts.append(("text", piece))
    parts.extend((name, value) for name, value in values.items())
    return parts


class DocumentRenderer:
    """Attests and references as PDF/A-3b, in the document's own language."""

    template_name = TEMPLATE

    def context(self, document: Document) -> dict[str, object]:
        """Everything the template shows, formatted in the active language."""
        language = document.language
        locale = BABEL_LOCALE.get(language, language)
        t = phrases(language)
        candidate = document.placement.candidate

        def day(value) -> str:  # type: ignore[no-untyped-def]
            return format_date(value, format="long", locale=locale)

        hours = format_decimal(Decimal(document.hours_per_week).normalize(), locale=locale)
        code = document.display_code
        return {
            "lang": language,
            "direction": "ltr",
            "t": t,
            "title": t[f"title_{document.kind}"],
            "document": document,
            "is_attest": document.kind == Document.Kind.ATTEST,
            "holder_name": document.holder_name or candidate.full_name,
            "holder_latin": (
                document.holder_name_latin if document.holder_name else candidate.latin_name
            ),
            "programme": document.placement.programme.name,
            "period": t["period_value"]
            % {"start": day(document.starts_on), "end": day(document.ends_on)},
            "hours": t["hours_value"] % {"hours": hours},
            "issued_on": day(document.issued_on) if document.issued_on else "",
            "letterhead": _letterhead(document),
            "verify": _verify_parts(t["verify"], code, document.verification_code or ""),
            "number": t["document_number"] % {"number": document.pk, "version": document.version},
            "replaces": (
                t["replaces"] % {"version": document.version - 1} if document.previous_id else ""
            ),
        }

    def render(self, document: Document) -> tuple[str, bytes]:
        """Return (filename, PDF bytes) for the document, following reports.pdf.Renderer."""
        with translation.override(document.language):
            pdf = render_pdf(template_name=self.template_name, context=self.context(document))
        return document_filename(document), pdf
