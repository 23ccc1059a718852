"""Writes for the host units' pages: sign-in links (hashed, bound to the unit's contact address,
single use, 15 minutes, throttled: core.magiclink), the host's submissions and the lead's
decisions on them. Accepting goes through programs.services, which validates and audits the new
position, job opening or commitment; this module audits who decided. Entries carry ids only."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.emails import absolute_url, make_message
from core.magiclink import (
    TOKEN_LIFETIME,
    LinkThrottle,
    LinkUnusable,
    token_find,
    token_new,
    token_redeem,
)
from core.models import User
from core.services import audit_log
from programs.models import HostUnit, Programme
from programs.requirements import REQUIREMENT_FIELDS
from programs.selectors import commitment_of
from programs.services import (
    commitment_create,
    commitment_update,
    job_opening_create,
    position_create,
)

from .models import HostSignInToken, Submission
from .selectors import hosts_with_email, signed_in_host

THROTTLE = LinkThrottle("hostportal")
REQUESTS_PER_ADDRESS = THROTTLE.per_address
REQUESTS_PER_IP = THROTTLE.per_ip
BAD_TOKENS_PER_IP = THROTTLE.bad_tokens_per_ip
link_request_throttled = THROTTLE.requests_reached
token_tries_throttled = THROTTLE.tokens_reached
sign_in_token_bad = THROTTLE.token_bad

# What the host may fill in, per kind; the lead may change the same fields before accepting.
NEED_FIELDS = (
    "cohort",
    "title",
    "occupation",
    "slots",
    "starts_on",
    "ends_on",
    "qualifications",
    *REQUIREMENT_FIELDS,
)
OPENING_FIELDS = ("title", "occupation", "slots", "starts_on", *REQUIREMENT_FIELDS)
COMMITMENT_FIELDS = ("pledge", "note", "named_publicly")
FIELDS: dict[str, tuple[str, ...]] = {
    Submission.Kind.NEED: NEED_FIELDS,
    Submission.Kind.OPENING: OPENING_FIELDS,
    Submission.Kind.COMMITMENT: COMMITMENT_FIELDS,
}


# --- Sign-in ------------------------------------------------------------------------------


def sign_in_link_request(*, email: str, ip: str) -> None:
    """Send a link for each active host unit with this contact address. The caller answers the
    same whether or not one exists, so the form tells nobody which addresses are registered."""
    THROTTLE.request_counted(email=email, ip=ip)
    for unit in hosts_with_email(email).select_related("operator"):
        token = sign_in_token_create(host_unit=unit)
        send_sign_in_link(host_unit=unit, token=token)


@transaction.atomic
def sign_in_token_create(*, host_unit: HostUnit) -> str:
    """A single-use token for the unit's current contact address, valid 15 minutes."""
    if not host_unit.contact_email:
        raise ValidationError(_("The host unit has no contact e-mail address."))
    row, token = token_new(HostSignInToken(host_unit=host_unit, email=host_unit.contact_email))
    row.full_clean()
    row.save()
    audit_log(
        actor=None,
        operator=host_unit.operator_id,
        action="hostportal.link.sent",
        obj=row,
        data={"host_unit": host_unit.pk},
    )
    return token


def send_sign_in_link(*, host_unit: HostUnit, token: str) -> None:
    """E-mail the link to the unit's contact, in the language they asked in."""
    context = {
        "operator_name": host_unit.operator.name,
        "unit_name": host_unit.name,
        "link": absolute_url(reverse("hostportal:link", kwargs={"token": token})),
        "minutes": int(TOKEN_LIFETIME.total_seconds() // 60),
        "LANGUAGE_CODE": get_language(),
    }
    make_message("hostportal-link", [host_unit.contact_email], context).send()


def sign_in_token_find(token: str) -> HostSignInToken:
    """The link's row if it can still be used by the unit's current contact; else LinkUnusable."""
    row = token_find(HostSignInToken.objects.select_related("host_unit"), token)
    unit = row.host_unit
    if not unit.is_active or unit.contact_email.strip().lower() != row.email.strip().lower():
        raise LinkUnusable(gone=True)
    return row


@transaction.atomic
def sign_in_token_use(*, token: str) -> HostUnit:
    """Spend the token (once, even under concurrent requests) and return its host unit."""
    row = sign_in_token_find(token)
    return token_redeem(
        row, lambda: signed_in_host(row.host_unit_id), action="hostportal.signed_in"
    )


def host_entered(*, host_unit: HostUnit, by: User) -> None:
    """A supervisor opened the unit's pages with their own login."""
    audit_log(
        actor=by,
        operator=host_unit.operator_id,
        action="hostportal.signed_in",
        obj=host_unit,
        data={"login": "staff"},
    )


def host_viewed(*, host_unit: HostUnit, by: User | None, what: str, obj_id: int = 0) -> None:
    """Write one read of the host's pages to the access log (ids and page names only)."""
    data: dict[str, Any] = {"host_unit": host_unit.pk, "what": what}
    if obj_id:
        data["submission"] = obj_id
    audit_log(actor=by, operator=host_unit.operator_id, action="hostportal.viewed", data=data)


# --- Submissions --------------------------------------------------------------------------


def _only(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    allowed = set(FIELDS[kind])
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Fields not for a {kind}: {sorted(unknown)}")
    return fields


@transaction.atomic
def submission_create(
    *, host_unit: HostUnit, programme: Programme, kind: str, by: User | None, **fields: Any
) -> Submission:
    """Store what the host reported as pending; nothing is written into positions yet."""
    submission = Submission(
        host_unit=host_unit,
        programme=programme,
        kind=kind,
        submitted_by=by if by is not None and by.is_authenticated else None,
        **_only(kind, fields),
    )
    submission.full_clean()
    submission.save()
    audit_log(
        actor=by,
        operator=host_unit.operator_id,
        action="hostportal.submission.created",
        obj=submission,
        data={"host_unit": host_unit.pk, "kind": kind},
    )
    return submission


def _lock_pending(submission: Submission) -> Submission:
    current = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("programme", "host_unit", "cohort")
        .get(pk=submission.pk)
    )
    if current.status != Submission.Status.PENDING:
        raise ValidationError(_("This submission has already been answered."))
    return current


@transaction.atomic
def submission_accept(*, submission: Submission, by: User, **changes: Any) -> Submission:
    """Accept (with the lead's changes, if any): a need becomes a draft position, an opening a
    job opening, a commitment the employer's commitment; who decided is in the audit log."""
    # The fresh, locked row: a bound form may have changed the caller's copy already.
    submission = _lock_pending(submission)
    changed = []
    for name, value in _only(submission.kind, changes).items():
        if getattr(submission, name) != value:
            changed.append(name)
            setattr(submission, name, value)
    submission.full_clean()
    requirements = {name: getattr(submission, name) for name in REQUIREMENT_FIELDS}
    programme = submission.programme
    created: dict[str, int] = {}
    if submission.kind == Submission.Kind.NEED:
        submission.position = position_create(
            programme=programme,
            by=by,
            host_unit=submission.host_unit,
            cohort=submission.cohort,
            title=submission.title,
            occupation=submission.occupation,
            qualifications=submission.qualifications,
            slots=submission.slots,
            starts_on=submission.starts_on,
            ends_on=submission.ends_on,
            **requirements,
        )
        created["position"] = submission.position.pk
    elif submission.kind == Submission.Kind.OPENING:
        submission.opening = job_opening_create(
            programme=programme,
            by=by,
            employer=submission.host_unit,
            title=submission.title,
            occupation=submission.occupation,
            slots=submission.slots,
            starts_on=submission.starts_on,
            **requirements,
        )
        created["opening"] = submission.opening.pk
    else:
        # An employer has one commitment per network: a new one replaces what it pledged.
        terms: dict[str, Any] = {
            "pledge": submission.pledge or 1,
            "note": submission.note,
            "named_publicly": submission.named_publicly,
        }
        existing = commitment_of(programme, submission.host_unit)
        if existing is not None:
            submission.commitment = commitment_update(commitment=existing, by=by, **terms)
        else:
            submission.commitment = commitment_create(
                programme=programme,
                employer=submission.host_unit,
                by=by,
                committed_on=timezone.localdate(),
                **terms,
            )
        created["commitment"] = submission.commitment.pk
    submission.status = Submission.Status.ACCEPTED
    submission.decided_at = timezone.now()
    submission.decided_by = by
    submission.save()
    audit_log(
        actor=by,
        operator=programme.operator_id,
        action="hostportal.submission.accepted",
        obj=submission,
        data={"host_unit": submission.host_unit_id, "changed": sorted(changed), **created},
    )
    return submission


@transaction.atomic
def submission_decline(*, submission: Submission, by: User, reason: str) -> Submission:
    """Decline with a reason the host sees on their page."""
    submission = _lock_pending(submission)
    submission.status = Submission.Status.DECLINED
    submission.decline_reason = reason.strip()
    submission.decided_at = timezone.now()
    submission.decided_by = by
    submission.full_clean()
    submission.save()
    audit_log(
        actor=by,
        operator=submission.programme.operator_id,
        action="hostportal.submission.declined",
        obj=submission,
        data={"host_unit": submission.host_unit_id},
    )
    return submission
