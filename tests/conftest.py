"""Shared fixtures: a small world of two operators and a user for every role."""

import os
import shutil
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import Client

from core.models import Organisation, Role, User
from tests.factories import (
    CohortFactory,
    HostUnitFactory,
    MembershipFactory,
    OperatorFactory,
    PartnerFactory,
    PositionFactory,
    ProgrammeFactory,
    UserFactory,
)

# Playwright's sync API runs an event loop in this thread; live_server tests share the process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROLES = ("anon", "lead", "coordinator", "mentor", "partner", "other_lead", "site_admin")


def require(condition: bool, reason: str) -> None:
    """Skip locally when a part is missing; under CI a missing part is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs this and it is missing: {reason}")
    pytest.skip(reason)


@dataclass
class World:
    operator: Organisation
    other_operator: Organisation
    partner_org: Organisation
    users: dict[str, User | None] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)

    def client_for(self, role: str, **kwargs: object) -> Client:
        client = Client(**kwargs)  # type: ignore[arg-type]
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
        return client


def build_world() -> World:
    operator = OperatorFactory(name="Testby kommune")
    other = OperatorFactory(name="Annenby kommune")
    partner_org = PartnerFactory(name="NAV Testby", operator=operator)
    world = World(operator=operator, other_operator=other, partner_org=partner_org)
    world.users["anon"] = None
    for role, member_role, op in [
        ("lead", Role.LEAD, operator),
        ("coordinator", Role.COORDINATOR, operator),
        ("mentor", Role.MENTOR, operator),
        ("partner", Role.PARTNER, operator),
        ("other_lead", Role.LEAD, other),
    ]:
        user = UserFactory(username=f"{role}@example.org")
        MembershipFactory(
            user=user,
            operator=op,
            role=member_role,
            partner_organisation=partner_org if member_role == Role.PARTNER else None,
        )
        world.users[role] = user
    world.users["site_admin"] = UserFactory(
        username="admin@example.org", is_staff=True, is_superuser=True
    )
    programme = ProgrammeFactory(operator=operator, name="Traineeprogram Testby")
    programme.partners.add(partner_org)
    cohort = CohortFactory(programme=programme, name="Kull 2027")
    unit = HostUnitFactory(operator=operator, name="Eiendom")
    network = ProgrammeFactory(operator=operator, name="Jobbnettverk", kind="network")
    world.objects.update(
        programme=programme,
        cohort=cohort,
        host_unit=unit,
        network=network,
        position=PositionFactory(programme=programme, cohort=cohort, host_unit=unit),
    )
    return world


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def lead_client(world: World) -> Client:
    return world.client_for("lead")


@pytest.fixture
def using_postgres() -> bool:
    return bool(settings.USING_POSTGRES)


@pytest.fixture
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    require(bool(path), "Debian's chromium is not installed")
    return path


@dataclass
class SmtpInbox:
    host: str
    port: int
    messages: list = field(default_factory=list)  # email.message.EmailMessage


@pytest.fixture
def smtp_server(settings):  # type: ignore[no-untyped-def]
    """A real SMTP server (aiosmtpd) on a free local port; the default mailer sends to it."""
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = SmtpInbox("127.0.0.1", port)

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
            inbox.messages.append(
                email.message_from_bytes(envelope.content, policy=email.policy.default)
            )
            return "250 OK"

    controller = Controller(Handler(), hostname=inbox.host, port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": inbox.host, "port": port, "use_tls": False, "timeout": 5},
        }
    }
    yield inbox
    controller.stop()
