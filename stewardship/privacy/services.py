"""Writes for the candidate's rights: access (export, logged), erasure, and the legal hold that
stops it. Audit entries hold ids, codes and counts only."""

from typing import Any

from babel.dates import format_date
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates.models import Candidate, SubjectRequest
from candidates.privacy.requests import subject_request_done
from candidates.services import candidate_viewed
from core.models import Membership, User
from core.selectors import active_membership
from core.services import audit_log
from reports.pdf import render_pdf

from .export import held_about, sections, subject_data
from .registry import Erase, Holding, empty_value, holdings

PDF_TEMPLATE = "stewardship/privacy/subject_access.html"
PDF_LANGUAGE = "nb"


class ErasureReason(models.TextChoices):
    REQUEST = "request", gettext_lazy("The candidate asked for erasure")
    CONSENT_WITHDRAWN = (
        "consent_withdrawn",
        gettext_lazy("Consent was withdrawn and nothing else allows keeping the data"),
    )
    NOT_NEEDED = "not_needed", gettext_lazy("The data is no longer needed")
    UNLAWFUL = "unlawful", gettext_lazy("The data was processed unlawfully")


# --- Access -----------------------------------------------------------------------------------


def _reader(by: User, candidate: Candidate) -> Membership:
    """The exporter's membership at the candidate's operator: it decides which notes they read."""
    membership = active_membership(user=by, operator_id=candidate.operator_id)
    if membership is None or membership.operator_id != candidate.operator_id:
        raise PermissionDenied
    return membership


def _log_export(candidate: Candidate, by: User, what: str, request: SubjectRequest | None) -> None:
    """One access-log row per export; with a request, naming who asked and who approved."""
    extra: dict[str, int | None] | None = None
    if request is not None:
        extra = {
            "request": request.pk,
            "requested_by": request.requested_by_id,
            "approved_by": request.decided_by_id,
        }
        subject_request_done(request=request, by=by)
    candidate_viewed(candidate=candidate, by=by, what=what, extra=extra)


@transaction.atomic
def subject_export(
    *, candidate: Candidate, by: User, request: SubjectRequest | None = None
) -> dict[str, Any]:
    """Everything held about the candidate as JSON-ready data; the read is logged once."""
    data = subject_data(candidate, held_about(candidate, _reader(by, candidate)))
    _log_export(candidate, by, "subject_export_json", request)
    return data


def subject_export_filename(candidate: Candidate, extension: str) -> str:
    """subject-access-<candidate>-<yyyymmdd>.<ext>: an id and a date, never a name."""
    return f"subject-access-{candidate.pk}-{timezone.localdate():%Y%m%d}.{extension}"


# The PDF's fixed texts. English msgids as everywhere; the PDF is bokmål for the candidate, so
# the bokmål wording is kept here too and used while the catalogue lacks a translation.
PHRASES: dict[str, str] = {
    "title": "Personal data we hold about you",
    "intro": "This is everything %(operator)s has registered about you in Springbrett on "
    "%(date)s, including the log of who has read your record.",
    "name": "Name",
    "candidate": "Candidate number",
    "operator": "Registered by",
    "generated": "Made",
    "nothing": "Nothing registered.",
    "rights": "You may ask for wrong data to be corrected and, where the law allows, for your "
    "data to be erased. Contact %(operator)s.",
}
BOKMAL: dict[str, str] = {
    "Personal data we hold about you": "Personopplysninger vi har registrert om deg",
    PHRASES["intro"]: "Dette er alt %(operator)s har registrert om deg i Springbrett per "
    "%(date)s, også loggen over hvem som har lest opplysningene dine.",
    "Name": "Navn",
    "Candidate number": "Kandidatnummer",
    "Registered by": "Registrert av",
    "Made": "Laget",
    "Nothing registered.": "Ingenting registrert.",
    PHRASES["rights"]: "Du kan be om at feil rettes og, der loven tillater det, at "
    "opplysningene slettes. Ta kontakt med %(operator)s.",
    # Used by export.display_value.
    "Yes": "Ja",
    "No": "Nei",
    "%(size)s bytes": "%(size)s byte",
}


def phrase(msgid: str) -> str:
    """The catalogue's translation in the active language, else the built-in bokmål."""
    translated = _(msgid)
    if translation.get_language() == "nb" and translated == msgid:
        return BOKMAL.get(msgid, msgid)
    return translated


def subject_export_pdf(
    *, candidate: Candidate, by: User, request: SubjectRequest | None = None
) -> tuple[str, bytes]:
    """Everything held about the candidate as a readable PDF/A in bokmål; logged once."""
    with transaction.atomic():
        held = held_about(candidate, _reader(by, candidate))
        _log_export(candidate, by, "subject_export_pdf", request)
    with translation.override(PDF_LANGUAGE):
        today = format_date(timezone.localdate(), "d. MMMM y", locale="nb_NO")
        operator = candidate.operator.name
        context = {
            "lang": PDF_LANGUAGE,
            "t": {key: phrase(msgid) for key, msgid in PHRASES.items()},
            "intro": phrase(PHRASES["intro"]) % {"operator": operator, "date": today},
            "rights": phrase(PHRASES["rights"]) % {"operator": operator},
            "candidate": candidate,
            "operator": operator,
            "today": today,
            "sections": sections(held, PDF_LANGUAGE, text=phrase),
        }
        pdf = render_pdf(template_name=PDF_TEMPLATE, context=context)
    return subject_export_filename(candidate, "pdf"), pdf


# --- Erasure ----------------------------------------------------------------------------------


def erase_order() -> list[Holding]:
    """Deletions first, then anonymisation, then the change history, which records both."""
    entries = [h for h in holdings() if h.erase is not Erase.KEEP]
    return (
        [h for h in entries if h.erase is Erase.DELETE and not h.mirrors]
        + [h for h in entries if h.erase is Erase.ANONYMISE and not h.mirrors]
        + [h for h in entries if h.mirrors]
    )


def _delete(entry: Holding, rows: models.QuerySet) -> None:
    model = entry.model
    # Versions that point at their predecessor (PROTECT) are unlinked before the rows go.
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is model and f.null:
            rows.exclude(**{f"{f.name}__isnull": True}).update(**{f.name: None})
    rows.delete()


def _anonymise(entry: Holding, rows: models.QuerySet, now: Any) -> None:
    fields = {f.name: f for f in entry.model._meta.concrete_fields}
    values = {
        name: entry.replace.get(name, empty_value(fields[name])) for name in entry.personal_fields()
    }
    if entry.model is Candidate:
        values.update(erased_at=now, updated_at=now)
    if values:
        rows.update(**values)


@transaction.atomic
def candidate_erase(
    *, candidate: Candidate, by: User, reason: str, request: SubjectRequest | None = None
) -> dict[str, int]:
    """Erase the candidate's personal data from every registered model in one transaction:
    rows that only hold personal data are deleted, rows the statistics count are anonymised.
    Refused, with nothing changed, while the candidate is under a legal hold."""
    current = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if current.legal_hold:
        raise ValidationError(
            _(
                "This candidate is under a legal hold, so nothing was erased. "
                "A lead must lift the hold first."
            ),
            code="legal_hold",
        )
    if reason not in ErasureReason.values:
        raise ValidationError(_("Choose why the data is erased."), code="reason")
    now = timezone.now()
    plan = erase_order()
    # Counted before anything changes: deleting a row can cascade to the next entry's rows.
    counts = {entry.key: entry.rows(candidate.pk).count() for entry in plan}
    for entry in plan:
        rows = entry.rows(candidate.pk)
        if entry.erase is Erase.DELETE:
            _delete(entry, rows)
        else:
            _anonymise(entry, rows, now)
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.candidate.erased",
        obj=candidate,
        data={"reason": reason, "counts": {key: n for key, n in counts.items() if n}},
    )
    if request is not None:
        subject_request_done(request=request, by=by)
    candidate.refresh_from_db()
    return counts


@transaction.atomic
def candidate_legal_hold_set(
    *, candidate: Candidate, by: User, hold: bool, reason: str = ""
) -> Candidate:
    """Put the candidate under a legal hold (with a reason) or lift it. A hold stops erasure and
    retention; the reason stays on the record, not in the audit trail."""
    reason = reason.strip() if hold else ""
    if hold and not reason:
        raise ValidationError({"reason": _("Give a reason for the legal hold.")})
    candidate.legal_hold, candidate.legal_hold_reason = hold, reason
    names = {"legal_hold", "legal_hold_reason"}
    candidate.full_clean(
        exclude=[f.name for f in Candidate._meta.fields if f.name not in names],
        validate_unique=False,
        validate_constraints=False,
    )
    candidate.save(update_fields=[*sorted(names), "updated_at"])
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.legal_hold.set" if hold else "candidates.legal_hold.lifted",
        obj=candidate,
    )
    return candidate
