""" "What we hold about you" for the candidate themself: the subject-access export without any
follow-up notes (confidential or not) and without the audit entries about those notes. Each
download is one access-log row, with the candidate as the reader."""

from typing import Any

from babel.dates import format_date
from django.db import transaction
from django.utils import timezone, translation

from candidates.models import Candidate
from candidates.services import candidate_viewed
from reports.pdf import render_pdf
from stewardship.privacy.export import (
    AUDIT,
    NOTE_HOLDINGS,
    Held,
    audit_entries_about,
    sections,
    subject_data,
)
from stewardship.privacy.registry import holdings
from stewardship.privacy.services import PDF_TEMPLATE, PHRASES, phrase, subject_export_filename


def held_for_candidate(candidate: Candidate) -> list[Held]:
    """Every register entry in order; the notes entries are present but empty."""
    found: dict[str, Held] = {}
    for entry in holdings():
        if entry.key == AUDIT:
            continue
        rows = [] if entry.key in NOTE_HOLDINGS else list(entry.rows(candidate.pk).order_by("pk"))
        found[entry.key] = Held(entry, rows)
    ids = {key: [row.pk for row in held.rows] for key, held in found.items()}
    audit = audit_entries_about(candidate.pk, ids).exclude(object_type__in=NOTE_HOLDINGS)
    return [
        Held(entry, list(audit)) if entry.key == AUDIT else found[entry.key] for entry in holdings()
    ]


@transaction.atomic
def portal_export_json(*, candidate: Candidate) -> tuple[str, dict[str, Any]]:
    """The candidate's own export as JSON-ready data; logged once."""
    data = subject_data(candidate, held_for_candidate(candidate))
    candidate_viewed(candidate=candidate, by=None, what="portal_export_json")  # type: ignore[arg-type]
    return subject_export_filename(candidate, "json"), data


def portal_export_pdf(*, candidate: Candidate) -> tuple[str, bytes]:
    """The candidate's own export as a readable PDF in the active language; logged once."""
    with transaction.atomic():
        held = held_for_candidate(candidate)
        candidate_viewed(candidate=candidate, by=None, what="portal_export_pdf")  # type: ignore[arg-type]
    language = translation.get_language() or "nb"
    today = format_date(
        timezone.localdate(), "d. MMMM y", locale="nb_NO" if language == "nb" else "en_GB"
    )
    operator = candidate.operator.name
    context = {
        "lang": language,
        "t": {key: phrase(msgid) for key, msgid in PHRASES.items()},
        "intro": phrase(PHRASES["intro"]) % {"operator": operator, "date": today},
        "rights": phrase(PHRASES["rights"]) % {"operator": operator},
        "candidate": candidate,
        "operator": operator,
        "today": today,
        "sections": sections(held, language, text=phrase),
    }
    return subject_export_filename(candidate, "pdf"), render_pdf(
        template_name=PDF_TEMPLATE, context=context
    )
