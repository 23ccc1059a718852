"""Two-step verification with an authenticator app (TOTP, django-otp).

- Who must: a user whose role at the active operator is in ``settings.MFA_REQUIRED_ROLES`` (leads
  and coordinators by default). Everyone else may turn it on from their account page.
- At login: after the password, a user with a confirmed device is asked for a code; a user who
  must use it and has no device is sent to set one up. ``MFARequiredMiddleware`` does this for
  every page except the few a person needs to get there (login, logout, these pages, password
  reset, health check, language switch).
- Codes are checked by django-otp, which throttles wrong codes per device (1, 2, 4, 8 … s).

Sessions: django-otp keeps the verifying device's id under ``otp_device_id``. Its middleware
loads that device on every request, one query per page; ``OTPMiddleware`` below re-checks it at
most once a minute instead (like the session-activity clock in core.security), so a device
removed elsewhere stops counting within a minute.
"""

import base64
import time
from collections.abc import Callable
from functools import partial
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.http import urlencode as django_urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp.middleware import OTPMiddleware as BaseOTPMiddleware
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .models import Membership, User
from .services import audit_log

ISSUER = "Springbrett"
DEVICE_NAME = "Authenticator app"
SESSION_HAS_DEVICE_KEY = "_mfa_has_device"
SESSION_CHECKED_KEY = "_mfa_device_checked_at"
SESSION_SETUP_KEY = "_mfa_setup_key"
DEVICE_RECHECK_SECONDS = 60

# Views a signed-in person reaches before being verified (views marked login_not_required are
# open too: login, password reset, health check, language switch, the accessibility statement).
OPEN_VIEWS = frozenset({"accounts:logout", "accounts:mfa_setup", "accounts:mfa_verify"})


def mfa_required(membership: Membership | None) -> bool:
    """True when the membership's role must use two-step verification."""
    return membership is not None and membership.role in settings.MFA_REQUIRED_ROLES


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def mark_verified(session, device: Device) -> None:  # type: ignore[no-untyped-def]
    """Record in the session that ``device`` verified this user (what django_otp.login stores,
    plus the time of the last check of the device)."""
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_CHECKED_KEY] = int(time.time())
    session[SESSION_HAS_DEVICE_KEY] = True


# --- Set-up ---------------------------------------------------------------------------------


def new_secret() -> str:
    """A fresh TOTP key: 20 random bytes, hex (as TOTPDevice.key stores it)."""
    return random_hex(20)


def secret_for_humans(key: str) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    text = base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_uri(*, key: str, user: User) -> str:
    """The key-URI an authenticator app reads from the QR code."""
    label = quote(f"{ISSUER}:{user.get_username()}")
    params = urlencode(
        {
            "secret": base64.b32encode(bytes.fromhex(key)).decode().rstrip("="),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": 6,
            "period": 30,
        }
    )
    return f"otpauth://totp/{label}?{params}"


def qr_svg(uri: str, *, label: str) -> SafeString:
    """The QR code as inline SVG (no image request, nothing for the CSP to allow)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    # segno writes only <svg> and <path> with numeric attributes; the label is escaped here.
    accessible = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(accessible)  # nosec B308, B703


def code_is_valid(key: str, token: str, *, at: float | None = None) -> int | None:
    """The time step a code belongs to (this one, or one step either side), or None."""
    try:
        number = int(token)
    except (TypeError, ValueError):
        return None
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6)
    totp.time = time.time() if at is None else at
    return totp.t() if totp.verify(number, tolerance=1) else None


# --- Services ---------------------------------------------------------------------------------


@transaction.atomic
def totp_enable(*, user: User, key: str, token: str) -> TOTPDevice:
    """Confirm a new authenticator app with a code it shows; one device per user."""
    if TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Two-step verification is already turned on."))
    step = code_is_valid(key, token)
    if step is None:
        raise ValidationError(
            {"token": _("That code is not right. Check the time on your phone and try again.")}
        )
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    # last_t: the code used to confirm cannot be used again to log in.
    device = TOTPDevice(user=user, name=DEVICE_NAME, key=key, confirmed=True, last_t=step)
    device.full_clean()
    device.save()
    audit_log(actor=user, operator=None, action="core.mfa.enabled", obj=device)
    return device


def totp_verify(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Check a code against the user's device. django-otp throttles failures per device and
    commits the count itself, so this never runs inside a transaction that could undo it."""
    verified = verify_token(user, device.persistent_id, token.strip()) is not None
    if not verified:
        audit_log(actor=user, operator=None, action="core.mfa.failed", obj=device)
    return verified


def throttle_wait(device: TOTPDevice) -> int:
    """Seconds until the device accepts another code (0 when it does now)."""
    device.refresh_from_db(fields=["throttling_failure_timestamp", "throttling_failure_count"])
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    return max(1, int((info["locked_until"] - timezone.now()).total_seconds() + 0.999))


def totp_disable(*, user: User, device: TOTPDevice, token: str) -> None:
    """Turn two-step verification off; it takes a valid code from the device."""
    if not totp_verify(user=user, device=device, token=token):
        raise ValidationError({"token": _("That code is not right.")})
    with transaction.atomic():
        device.delete()
        audit_log(actor=user, operator=None, action="core.mfa.disabled", obj=user)


# --- Login and every request ------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="core.mfa.logged_in")
def note_device_at_login(sender, request, user, **kwargs) -> None:
    """Remember in the new session whether the user has a device (one query, at login only)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_HAS_DEVICE_KEY] = TOTPDevice.objects.filter(
            user=user, confirmed=True
        ).exists()


class OTPMiddleware(BaseOTPMiddleware):
    """django-otp's middleware, re-checking the session's device at most once a minute."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if not user.is_authenticated:
            return user
        session = request.session
        persistent_id = session.get(DEVICE_ID_SESSION_KEY)
        if not persistent_id:
            return user
        now = int(time.time())
        checked = session.get(SESSION_CHECKED_KEY)
        if isinstance(checked, int) and 0 <= now - checked < DEVICE_RECHECK_SECONDS:
            # Checked within the minute: trust it, and load the device only if someone asks.
            user.otp_device = SimpleLazyObject(partial(Device.from_persistent_id, persistent_id))
            return user
        device = self._device_from_persistent_id(persistent_id)
        user.otp_device = self._finalize_device(request, user, device)
        if user.otp_device is not None:
            session[SESSION_CHECKED_KEY] = now
        else:  # removed or replaced elsewhere: ask for a code, or for a new set-up
            session.pop(SESSION_CHECKED_KEY, None)
            session[SESSION_HAS_DEVICE_KEY] = confirmed_device(user) is not None
        return user


class MFARequiredMiddleware:
    """Send a signed-in person who is not yet verified to the code page (they have a device) or
    to set one up (their role requires it). Runs after ActiveOperatorMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if request.session.get(SESSION_HAS_DEVICE_KEY):
            target = "accounts:mfa_verify"
        elif mfa_required(getattr(request, "membership", None)):
            target = "accounts:mfa_setup"
        else:
            return None
        query = django_urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")


def forget_device(session) -> None:  # type: ignore[no-untyped-def]
    for key in (DEVICE_ID_SESSION_KEY, SESSION_CHECKED_KEY):
        session.pop(key, None)
    session[SESSION_HAS_DEVICE_KEY] = False
