"""Test sessions that have passed two-step verification, without an authenticator app."""

from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.mfa import mark_verified
from core.models import Membership, User

TEST_DEVICE = "Test authenticator"


def needs_mfa(user: User) -> bool:
    return Membership.objects.filter(
        user=user, is_active=True, role__in=settings.MFA_REQUIRED_ROLES
    ).exists()


def verify_session(client: Client, user: User) -> TOTPDevice:
    """Give ``user`` a confirmed TOTP device and mark the client's session verified by it (the
    ``otp_device_id`` that django_otp.login stores, plus core.mfa's last-check time)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=TEST_DEVICE, defaults={"confirmed": True}
    )
    session = client.session
    mark_verified(session, device)
    session.save()
    return device


def log_in_verified(client: Client, user: User) -> Client:
    """force_login, and for roles that must use two-step verification a verified session."""
    client.force_login(user)
    if needs_mfa(user):
        verify_session(client, user)
    return client
