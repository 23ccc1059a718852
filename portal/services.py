"""Writes for the portal: sign-in links (hashed, single use, 15 minutes, throttled), the
candidate's own consent withdrawals and contact details. Audit entries carry ids only."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from candidates.models import Candidate, Consent
from candidates.services import candidate_language_set, candidate_update, consent_withdraw
from core.emails import absolute_url, make_message
from core.magiclink import (
    TOKEN_LIFETIME,
    WINDOW,
    LinkThrottle,
    LinkUnusable,
    token_find,
    token_new,
    token_redeem,
)
from core.services import audit_log

from .models import SignInToken
from .selectors import candidates_with_email, leads_of, past_retention, signed_in_candidate

__all__ = ["TOKEN_LIFETIME", "WINDOW", "LinkUnusable"]

# Link requests: 3 per address and 20 per client IP in a fixed window; 10 wrong or spent tokens
# from one IP before the link page answers 429.
THROTTLE = LinkThrottle("portal")
REQUESTS_PER_ADDRESS = THROTTLE.per_address
REQUESTS_PER_IP = THROTTLE.per_ip
BAD_TOKENS_PER_IP = THROTTLE.bad_tokens_per_ip
link_request_throttled = THROTTLE.requests_reached
token_tries_throttled = THROTTLE.tokens_reached
sign_in_token_bad = THROTTLE.token_bad


def sign_in_link_request(*, email: str, ip: str) -> None:
    """Send a sign-in link to each (non-erased) candidate with this address. The caller answers
    the same whether or not one exists, so the form tells nobody who is registered."""
    THROTTLE.request_counted(email=email, ip=ip)
    for candidate in candidates_with_email(email):
        if past_retention(candidate):
            continue  # as for an unknown address: nothing is sent, the answer is the same
        token = sign_in_token_create(candidate=candidate)
        send_sign_in_link(candidate=candidate, token=token)


@transaction.atomic
def sign_in_token_create(*, candidate: Candidate) -> str:
    """A single-use token for the candidate, valid 15 minutes; only its hash is stored."""
    row, token = token_new(SignInToken(candidate=candidate))
    row.full_clean()
    row.save()
    audit_log(
        actor=None,
        operator=candidate.operator_id,
        action="portal.link.sent",
        obj=row,
        data={"candidate": candidate.pk},
    )
    return token


def send_sign_in_link(*, candidate: Candidate, token: str) -> None:
    """E-mail the link in the candidate's own language, else the one they asked in."""
    language = candidate.language or translation.get_language()
    with translation.override(language):
        path = reverse("portal:link", kwargs={"token": token})
        context = {
            "operator_name": candidate.operator.name,
            "link": absolute_url(path),
            "minutes": int(TOKEN_LIFETIME.total_seconds() // 60),
            "LANGUAGE_CODE": language,
        }
        make_message("portal-link", [candidate.email], context).send()


def sign_in_token_find(token: str) -> SignInToken:
    """The link's row if it can still be used; raises LinkUnusable otherwise."""
    row = token_find(SignInToken.objects.select_related("candidate__operator"), token)
    if row.candidate.erased_at is not None or past_retention(row.candidate):
        raise LinkUnusable(gone=True)
    return row


@transaction.atomic
def sign_in_token_use(*, token: str) -> Candidate:
    """Spend the token (once, even under concurrent requests) and return its candidate."""
    row = sign_in_token_find(token)
    return token_redeem(
        row, lambda: signed_in_candidate(row.candidate_id), action="portal.signed_in"
    )


@transaction.atomic
def portal_consent_withdraw(*, candidate: Candidate, consent: Consent) -> Consent:
    """The candidate withdraws one of their own consents from today; the leads are told."""
    if consent.candidate_id != candidate.pk:
        raise ValidationError("Not this candidate's consent.")
    consent = consent_withdraw(consent=consent, withdrawn_on=timezone.localdate(), by=None)  # type: ignore[arg-type]
    leads = leads_of(candidate)
    if leads:
        path = reverse("candidates:detail", kwargs={"pk": candidate.pk})
        context = {
            "candidate_id": candidate.pk,
            "purpose": consent.get_purpose_display(),
            "link": absolute_url(path),
        }
        message = make_message("portal-consent-withdrawn", leads, context)
        transaction.on_commit(message.send)
    return consent


def portal_contact_update(
    *,
    candidate: Candidate,
    email: str,
    phone: str,
    available_from: datetime.date | None = None,
    hours_available: int | None = None,
) -> Candidate:
    """The candidate changes their own e-mail address, phone number and availability."""
    return candidate_update(
        candidate=candidate,
        by=None,  # type: ignore[arg-type]
        email=email.strip(),
        phone=phone.strip(),
        available_from=available_from,
        hours_available=hours_available,
    )


def portal_language_set(*, candidate: Candidate, language: str) -> Candidate:
    """The candidate chooses the language of their page and their e-mails ("" for default)."""
    return candidate_language_set(candidate=candidate, language=language, by=None)
