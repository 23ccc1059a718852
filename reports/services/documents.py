"""Writes for documents: draft → approved → issued (→ superseded), and reading the PDF.

Who may do what is decided here from the membership's role, so every caller (views, the batch
task, the demo seed) gets the same answer:
- draft and edit: staff, and supervisors/mentors for placements they follow;
- approve: a lead, or a supervisor (role) who supervises that placement — not a mentor;
- issue, reissue, read the PDF, send it, batch: coordinators and leads.
"""

import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.services import candidate_viewed
from core.models import Membership, Organisation, Role, User
from core.permissions import FOLLOW_UP, STAFF
from core.services import audit_log
from placements.models import Placement
from placements.selectors import placements_for

from ..models import Document, Letterhead
from ..pdf import Renderer
from ..renderers import DocumentRenderer
from ..selectors import CODE_ALPHABET, CODE_LENGTH

DRAFT_FIELDS = (
    "language",
    "workplace",
    "role_title",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "tasks",
    "absence",
    "assessment",
    "referee_name",
    "referee_title",
    "referee_contact",
)
# What each kind carries; the rest is blanked so a reference never prints an attest's absence.
KIND_FIELDS = {
    Document.Kind.ATTEST: {"tasks", "absence"},
    Document.Kind.REFERENCE: {
        "tasks",
        "assessment",
        "referee_name",
        "referee_title",
        "referee_contact",
    },
}
TEXT_FIELDS = {"tasks", "absence", "assessment", "referee_name", "referee_title", "referee_contact"}


# --- Who may ------------------------------------------------------------------------------


def may_draft(membership: Membership | None, placement: Placement) -> bool:
    """Staff for the operator's placements; supervisors and mentors for those they follow."""
    if membership is None or membership.operator_id != placement.candidate.operator_id:
        return False
    if membership.role in STAFF:
        return True
    return (
        membership.role in FOLLOW_UP and placements_for(membership).filter(pk=placement.pk).exists()
    )


def may_approve(membership: Membership | None, document: Document) -> bool:
    """A lead, or the placement's own supervisor holding the supervisor role."""
    if membership is None or membership.operator_id != document.operator_id:
        return False
    if membership.role == Role.LEAD:
        return True
    return (
        membership.role == Role.SUPERVISOR
        and document.placement.supervisor_id == membership.user_id
    )


def may_issue(membership: Membership | None, operator_id: int) -> bool:
    """Coordinators and leads of the document's operator issue, download and send."""
    return (
        membership is not None
        and membership.role in STAFF
        and membership.operator_id == operator_id
    )


def require(allowed: bool) -> None:
    """PermissionDenied (403) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied


# --- Drafts -------------------------------------------------------------------------------


def document_initial(placement: Placement, kind: str) -> dict[str, Any]:
    """The facts of a new draft, taken from the placement (the text is left to the writer)."""
    supervisor = placement.supervisor
    initial: dict[str, Any] = {
        "language": Document.Language.NB,
        "workplace": placement.host_unit.name,
        "role_title": placement.position.title if placement.position else "",
        "starts_on": placement.starts_on,
        "ends_on": placement.actual_end or placement.planned_end,
        "hours_per_week": placement.hours_per_week,
    }
    if kind == Document.Kind.REFERENCE and supervisor is not None:
        initial["referee_name"] = supervisor.get_full_name()
        initial["referee_contact"] = supervisor.email
    return initial


def _apply(document: Document, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"not draft fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    for name in TEXT_FIELDS - KIND_FIELDS[Document.Kind(document.kind)]:
        setattr(document, name, "")


@transaction.atomic
def document_create(
    *, placement: Placement, kind: str, membership: Membership, **fields: Any
) -> Document:
    """Start a draft attest or reference for the placement, facts prefilled from it."""
    require(may_draft(membership, placement))
    if kind not in Document.Kind.values:
        raise ValidationError({"kind": _("Choose a certificate of service or a reference.")})
    document = Document(
        operator_id=placement.candidate.operator_id,
        placement=placement,
        kind=kind,
        created_by=membership.user,
    )
    _apply(document, {**document_initial(placement, kind), **fields})
    document.full_clean()
    document.save()
    audit_log(
        actor=membership.user,
        operator=document.operator_id,
        action="reports.document.drafted",
        obj=document,
        data={"placement": placement.pk, "kind": kind, "language": document.language},
    )
    return document


def _locked(document: Document) -> Document:
    """The row again, locked for the rest of the transaction, so two clicks cannot race."""
    return Document.objects.select_for_update().select_related("placement").get(pk=document.pk)


@transaction.atomic
def document_update(*, document: Document, membership: Membership, **fields: Any) -> Document:
    """Change a draft. Changing an approved document sends it back to draft for a new approval."""
    require(may_draft(membership, document.placement))
    document = _locked(document)
    if not document.is_editable:
        raise ValidationError(_("An issued document cannot change. Make a new version instead."))
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"not draft fields: {sorted(unknown)}")
    fields = {name: value for name, value in fields.items() if getattr(document, name) != value}
    if not fields:
        return document
    was_approved = document.status == Document.Status.APPROVED
    _apply(document, fields)
    if was_approved:
        document.status = Document.Status.DRAFT
        document.approved_by = None
        document.approved_at = None
    document.full_clean()
    document.save()
    audit_log(
        actor=membership.user,
        operator=document.operator_id,
        action="reports.document.changed",
        obj=document,
        data={"fields": sorted(fields), "approval_withdrawn": was_approved},
    )
    return document


def _check_complete(document: Document) -> None:
    errors: dict[str, str] = {}
    if not document.tasks.strip() and document.kind == Document.Kind.ATTEST:
        errors["tasks"] = _("Describe the tasks and responsibilities.")
    if document.kind == Document.Kind.REFERENCE:
        if not document.assessment.strip():
            errors["assessment"] = _("Write the assessment.")
        if not document.referee_name.strip() or not document.referee_contact.strip():
            errors["referee_contact"] = _("Give a referee with a phone number or e-mail.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def document_approve(*, document: Document, membership: Membership) -> Document:
    """Approve a complete draft; only a lead or the placement's supervisor may."""
    require(may_approve(membership, document))
    document = _locked(document)
    if document.status != Document.Status.DRAFT:
        raise ValidationError(_("Only a draft can be approved."))
    _check_complete(document)
    document.status = Document.Status.APPROVED
    document.approved_by = membership.user
    document.approved_at = timezone.now()
    document.full_clean()
    document.save()
    audit_log(
        actor=membership.user,
        operator=document.operator_id,
        action="reports.document.approved",
        obj=document,
    )
    return document


# --- Issuing ------------------------------------------------------------------------------


def new_code() -> str:
    """A fresh verification code: 10 characters from 31 (about 50 bits), unused so far."""
    for _attempt in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Document.objects.filter(verification_code=code).exists():
            return code
    raise RuntimeError("could not find a free verification code")  # pragma: no cover


def _issuer_name(operator_id: int) -> str:
    letterhead = Letterhead.objects.filter(operator_id=operator_id).only("name").first()
    if letterhead is not None and letterhead.name:
        return letterhead.name
    return Organisation.objects.only("name").get(pk=operator_id).name


@transaction.atomic
def document_issue(
    *,
    document: Document,
    membership: Membership | None,
    renderer: Renderer[Document] | None = None,
) -> Document:
    """Render the approved document once, store PDF, SHA-256 and code; supersede the previous.

    Issuing an already issued document is a no-op (a batch task may run twice after a crash).
    """
    require(may_issue(membership, document.operator_id))
    assert membership is not None  # may_issue() is False without one
    document = _locked(document)
    if document.is_final:
        return document
    if document.status != Document.Status.APPROVED:
        raise ValidationError(_("Only an approved document can be issued."))
    candidate = document.placement.candidate
    now = timezone.now()
    document.issued_by = membership.user
    document.issued_at = now
    document.issued_on = timezone.localdate(now)
    document.holder_name = candidate.full_name
    latin = candidate.latin_name
    document.holder_name_latin = latin if latin != candidate.full_name else ""
    document.issuer_name = _issuer_name(document.operator_id)
    document.verification_code = new_code()
    filename, pdf = (renderer or DocumentRenderer()).render(document)
    document.filename = filename
    document.pdf = pdf
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.status = Document.Status.ISSUED
    document.full_clean(exclude=["pdf"])
    document.save()
    if document.previous_id:
        # The old version is final; this conditional UPDATE is the only change it ever sees.
        Document.objects.filter(pk=document.previous_id, status=Document.Status.ISSUED).update(
            status=Document.Status.SUPERSEDED, superseded_at=now
        )
    audit_log(
        actor=membership.user,
        operator=document.operator_id,
        action="reports.document.issued",
        obj=document,
        data={"sha256": document.sha256, "previous": document.previous_id},
    )
    return document


@transaction.atomic
def document_reissue(*, document: Document, membership: Membership) -> Document:
    """A new draft version of an issued document; issuing it will supersede this one."""
    require(may_issue(membership, document.operator_id))
    document = _locked(document)
    if document.status != Document.Status.ISSUED:
        raise ValidationError(_("Only the current issued version can be reissued."))
    existing = Document.objects.filter(previous=document).first()
    if existing is not None:
        return existing
    copy = Document(
        operator_id=document.operator_id,
        placement_id=document.placement_id,
        kind=document.kind,
        version=document.version + 1,
        previous=document,
        created_by=membership.user,
        **{name: getattr(document, name) for name in DRAFT_FIELDS},
    )
    copy.full_clean()
    copy.save()
    audit_log(
        actor=membership.user,
        operator=document.operator_id,
        action="reports.document.reissued",
        obj=copy,
        data={"previous": document.pk},
    )
    return copy


def issued_pdf(document: Document) -> bytes:
    """The stored PDF bytes of an issued or superseded document (loaded only here)."""
    if not document.is_final:
        raise ValidationError(_("The document has not been issued."))
    pdf = Document.objects.values_list("pdf", flat=True).get(pk=document.pk)
    assert pdf is not None  # the issued-is-complete constraint guarantees it
    return bytes(pdf)


def document_pdf_read(*, document: Document, by: User) -> tuple[str, bytes]:
    """The stored PDF of an issued document, logging one read in the candidate's access log."""
    pdf = issued_pdf(document)
    candidate_viewed(candidate=document.placement.candidate, by=by, what="document")
    return document.filename, pdf
