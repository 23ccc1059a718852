"""How the access log shows an entry: labels for actions and reads, the candidates it names and
its details (ids and codes only, as stored). Nothing here queries the database."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ACTION_LABELS = {
    # Reads: the access log in the narrow sense (innsynslogg).
    "candidates.candidate.viewed": _("Read a candidate's record"),
    "candidates.national_id.revealed": _("Showed a national id in full"),
    "reports.export": _("Exported a report"),
    "reports.batch.downloaded": _("Downloaded a batch of documents"),
    "reports.document.downloaded_by_link": _("Candidate downloaded a document"),
    "workday.search": _("Searched and was shown candidates"),
    "portal.link.sent": _("Sent the candidate a sign-in link"),
    "portal.signed_in": _("Candidate signed in to their page"),
    "hostportal.link.sent": _("Sent a host unit's contact a sign-in link"),
    "hostportal.signed_in": _("Host unit's contact signed in to its page"),
    "hostportal.viewed": _("Host unit's contact opened a page"),
    # Changes.
    "candidates.candidate.created": _("Registered a candidate"),
    "candidates.candidate.changed": _("Changed a candidate"),
    "candidates.import.completed": _("Imported candidates"),
    "candidates.consent.given": _("Recorded a consent"),
    "candidates.consent.withdrawn": _("Recorded a withdrawn consent"),
    "candidates.application.created": _("Registered an application"),
    "candidates.application.moved": _("Moved an application"),
    "placements.placement.created": _("Planned a placement"),
    "placements.placement.changed": _("Changed a placement"),
    "mentors.note.created": _("Wrote a follow-up note"),
    "mentors.evaluation.submitted": _("Submitted an evaluation"),
    "reports.document.issued": _("Issued a document"),
    "reports.document.sent": _("Sent a document link"),
    "core.membership.created": _("Added a member"),
    "core.membership.changed": _("Changed a member"),
    "core.retention.run": _("Retention run"),
    "core.retention_policy.changed": _("Changed the retention policy"),
    "hostportal.submission.created": _("Host unit sent a need, commitment or job opening"),
    "hostportal.submission.accepted": _("Accepted a host unit's submission"),
    "hostportal.submission.declined": _("Declined a host unit's submission"),
}
ACTION_CHOICES = list(ACTION_LABELS.items())

WHAT_LABELS = {
    "profile": _("profile"),
    "edit": _("profile (edit form)"),
    "notes": _("follow-up notes"),
    "placement": _("placement"),
    "documents": _("documents"),
    "document": _("document PDF"),
    "document_text": _("document text"),
    "evaluation": _("evaluation"),
    "portal": _("their own page (candidate)"),
    "portal_document": _("document PDF (candidate)"),
    "portal_contact": _("contact details (candidate)"),
    "portal_export_json": _("copy of their data, JSON (candidate)"),
    "portal_export_pdf": _("copy of their data, PDF (candidate)"),
    "home": _("their own page (host unit)"),
    "form_need": _("the form for a need (host unit)"),
    "form_opening": _("the form for a job opening (host unit)"),
    "form_commitment": _("the form for a commitment (host unit)"),
    "submission": _("one of their submissions (host unit)"),
}
# Shown in the list; a longer list ends with "and N more" (the entry keeps them all).
CANDIDATES_SHOWN = 10


def candidate_ids_of(entry: AuditEntry) -> list[int]:
    """The candidates an entry names: its object, ``data.candidate`` or ``data.candidates``."""
    ids: list[int] = []
    if entry.object_type == "candidates.candidate" and entry.object_id.isdigit():
        ids.append(int(entry.object_id))
    data = entry.data if isinstance(entry.data, dict) else {}
    if isinstance(data.get("candidate"), int):
        ids.append(data["candidate"])
    if isinstance(data.get("candidates"), list):
        ids.extend(pk for pk in data["candidates"] if isinstance(pk, int))
    return ids


def present(entry: AuditEntry) -> AuditEntry:
    """Give an entry ``label``, ``candidates``, ``more_candidates`` and ``details`` to show."""
    data: dict[str, Any] = entry.data if isinstance(entry.data, dict) else {}
    ids = candidate_ids_of(entry)
    entry.label = ACTION_LABELS.get(entry.action, entry.action)  # type: ignore[attr-defined]
    entry.candidates = ids[:CANDIDATES_SHOWN]  # type: ignore[attr-defined]
    entry.more_candidates = max(len(ids) - CANDIDATES_SHOWN, 0)  # type: ignore[attr-defined]
    details = []
    for key, value in data.items():
        if key in {"candidate", "candidates"}:
            continue
        if key == "what":
            value = WHAT_LABELS.get(value, value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value[:CANDIDATES_SHOWN])
        details.append((key, value))
    entry.details = details  # type: ignore[attr-defined]
    return entry
