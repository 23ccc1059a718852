"""Writes for candidates, consent and selection. Every write validates fully, runs in one
transaction and is audited with ids only (never names or national ids)."""

import datetime
from collections.abc import Iterable
from typing import Any

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Organisation, User
from core.names import fold, nfc
from core.services import audit_log

from .models import Application, Candidate, Consent, StageChange
from .national_id import InvalidNationalId, parse_national_id

# Candidate fields a service may set from a form or an import, in the order forms show them;
# the national id goes through its own validated path.
CANDIDATE_FIELDS = (
    "given_name", "family_name", "given_name_latin", "family_name_latin", "preferred_name",
    "birth_date", "gender", "email", "phone", "country_of_birth", "nationality", "arrival_year",
    "education_level", "education_field", "education_country", "recognition", "profession",
    "norwegian_level", "norwegian_oral", "norwegian_reading", "norwegian_listening",
    "norwegian_writing", "other_languages", "home_municipality", "driving_licence",
    "max_travel_km", "available_from", "hours_available", "wished_occupations", "nav_caseworker",
    "nav_office", "nav_phone", "nav_email",
)  # fmt: skip
EDITABLE_FIELDS = frozenset(CANDIDATE_FIELDS)


NAME_FIELDS = (
    "given_name", "family_name", "given_name_latin", "family_name_latin", "preferred_name",
)  # fmt: skip


def search_key(*names: str) -> str:
    """The names folded as the search folds a query (core.names.fold), plus their Latin
    transliteration, so a name is found in any script and in the usual spellings."""
    written = fold(" ".join(n for n in names if n))
    latin = fold(anyascii(nfc(" ".join(n for n in names if n))))
    return written if latin == written else f"{written} {latin}"


def _apply_national_id(candidate: Candidate, raw: str | None) -> None:
    if raw is None:
        return
    if not raw.strip():
        candidate.national_id, candidate.national_id_kind = "", ""
        return
    try:
        parsed = parse_national_id(raw, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    except InvalidNationalId as exc:
        raise ValidationError({"national_id": exc.as_validation_error()}) from exc
    candidate.national_id, candidate.national_id_kind = parsed.value, str(parsed.kind)
    if candidate.birth_date is None and parsed.birth_date is not None:
        candidate.birth_date = parsed.birth_date


def _save_candidate(candidate: Candidate) -> None:
    # Names are stored composed (NFC), however they were typed, pasted or imported.
    for name in NAME_FIELDS:
        setattr(candidate, name, nfc(getattr(candidate, name) or ""))
    candidate.search_name = search_key(
        candidate.given_name,
        candidate.family_name,
        candidate.given_name_latin,
        candidate.family_name_latin,
        candidate.preferred_name,
    )
    candidate.full_clean()
    candidate.save()


@transaction.atomic
def candidate_create(
    *, operator: Organisation, by: User | None, national_id: str | None = None, **fields: Any
) -> Candidate:
    """Register a candidate of the operator; a given national id is validated and normalised."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not candidate fields: {sorted(unknown)}")
    candidate = Candidate(operator=operator, **fields)
    _apply_national_id(candidate, national_id)
    _save_candidate(candidate)
    audit_log(actor=by, operator=operator, action="candidates.candidate.created", obj=candidate)
    return candidate


@transaction.atomic
def candidate_update(
    *, candidate: Candidate, by: User, national_id: str | None = None, **fields: Any
) -> Candidate:
    """Change a candidate's profile; ``national_id=None`` leaves the id as it is."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not candidate fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(candidate, name, value)
    _apply_national_id(candidate, national_id)
    _save_candidate(candidate)
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.candidate.changed",
        obj=candidate,
        data={"fields": sorted(fields) + (["national_id"] if national_id is not None else [])},
    )
    return candidate


@transaction.atomic
def candidate_language_set(*, candidate: Candidate, language: str, by: User | None) -> Candidate:
    """The language of the candidate's own page and e-mails ("" for the default)."""
    if language not in {"", *dict(settings.LANGUAGES)}:
        raise ValidationError({"language": _("Choose one of the languages on the list.")})
    candidate.language = language
    candidate.save(update_fields=["language", "updated_at"])
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.candidate.changed",
        obj=candidate,
        data={"fields": ["language"]},
    )
    return candidate


def candidate_reveal_national_id(*, candidate: Candidate, by: User) -> str:
    """Return the full id to a lead and log that it was shown (the caller checks the role)."""
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.national_id.revealed",
        obj=candidate,
    )
    return candidate.national_id


def candidate_viewed(
    *,
    candidate: Candidate,
    by: User,
    what: str = "profile",
    extra: dict[str, int | None] | None = None,
) -> None:
    """Log one read of a candidate's record (the access log, innsynslogg); ``extra`` adds ids
    (for example who asked for and who approved a subject-access export)."""
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.candidate.viewed",
        obj=candidate,
        data={"what": what, **(extra or {})},
    )


@transaction.atomic
def consent_record(
    *, candidate: Candidate, purpose: str, given_on: datetime.date, by: User
) -> Consent:
    """Record a consent the candidate has given."""
    consent = Consent(candidate=candidate, purpose=purpose, given_on=given_on, recorded_by=by)
    consent.full_clean()
    consent.save()
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.consent.given",
        obj=consent,
        data={"candidate": candidate.pk, "purpose": purpose},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: datetime.date, by: User) -> Consent:
    """Mark a consent as withdrawn from a date; the record itself is kept."""
    current = Consent.objects.select_for_update().get(pk=consent.pk)
    if current.withdrawn_on is not None:
        raise ValidationError(_("This consent is already withdrawn."))
    current.withdrawn_on = withdrawn_on
    current.full_clean()
    current.save(update_fields=["withdrawn_on"])
    consent.withdrawn_on = withdrawn_on
    audit_log(
        actor=by,
        operator=consent.candidate.operator_id,
        action="candidates.consent.withdrawn",
        obj=consent,
        data={"candidate": consent.candidate_id},
    )
    return consent


@transaction.atomic
def application_create(
    *,
    candidate: Candidate,
    by: User,
    cohort: Any = None,
    position: Any = None,
    opening: Any = None,
    applied_on: datetime.date | None = None,
) -> Application:
    """Let a candidate apply to a cohort, a position or an employer's job opening of the same
    operator."""
    if opening is not None and opening.programme.operator_id != candidate.operator_id:
        raise ValidationError(_("The job opening belongs to another operator."))
    if position is not None:
        cohort = cohort or position.cohort
        if position.programme.operator_id != candidate.operator_id:
            raise ValidationError(_("The position belongs to another operator."))
    if cohort is not None and cohort.programme.operator_id != candidate.operator_id:
        raise ValidationError(_("The cohort belongs to another operator."))
    application = Application(
        candidate=candidate,
        cohort=cohort,
        position=position,
        opening=opening,
        applied_on=applied_on or timezone.localdate(),
    )
    application.full_clean()
    application.save()
    StageChange.objects.create(application=application, to_stage=application.stage, by=by)
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.application.created",
        obj=application,
        data={"candidate": candidate.pk},
    )
    return application


S = Application.Stage
# The pipeline moves forward; "rejected" and "withdrawn" end it from any open stage, and a
# closed application can be reopened to where it was screened.
STAGE_TRANSITIONS: dict[str, set[str]] = {
    S.APPLIED: {S.SCREENED, S.REJECTED, S.WITHDRAWN},
    S.SCREENED: {S.INTERVIEW, S.OFFERED, S.REJECTED, S.WITHDRAWN},
    S.INTERVIEW: {S.OFFERED, S.REJECTED, S.WITHDRAWN},
    S.OFFERED: {S.ACCEPTED, S.REJECTED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN},
    S.REJECTED: {S.SCREENED},
    S.WITHDRAWN: {S.SCREENED},
}
NEEDS_REASON = {S.REJECTED, S.WITHDRAWN}


@transaction.atomic
def application_move(
    *, application: Application, to: str, by: User, reason: str = ""
) -> Application:
    """Move an application one step in the pipeline and record who did it, when and why."""
    current = Application.objects.select_for_update().get(pk=application.pk)
    if to not in STAGE_TRANSITIONS[current.stage]:
        raise ValidationError(
            _("An application that is %(current)s cannot be moved to %(new)s.")
            % {"current": current.get_stage_display().lower(), "new": S(to).label.lower()}
        )
    if to in NEEDS_REASON and not reason.strip():
        raise ValidationError(_("Give a reason when an application is rejected or withdrawn."))
    before = current.stage
    application.stage = to
    application.reason = reason.strip()
    application.stage_changed_at = timezone.now()
    application.save(update_fields=["stage", "reason", "stage_changed_at"])
    StageChange.objects.create(
        application=application, from_stage=before, to_stage=to, reason=application.reason, by=by
    )
    if to == S.ACCEPTED and application.candidate.status == Candidate.Status.ACTIVE:
        Candidate.objects.filter(pk=application.candidate_id).update(
            status=Candidate.Status.PARTICIPANT
        )
    audit_log(
        actor=by,
        operator=application.candidate.operator_id,
        action="candidates.application.moved",
        obj=application,
        data={"from": before, "to": to},
    )
    return application


@transaction.atomic
def application_bulk_move(
    *, applications: Iterable[Application], to: str, by: User, reason: str = ""
) -> int:
    """Move several applications at once; all move or none does (the first refusal rolls back)."""
    moved = 0
    for application in applications:
        application_move(application=application, to=to, by=by, reason=reason)
        moved += 1
    return moved
