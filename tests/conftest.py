"""Shared fixtures: a small world of two operators and a user for every role."""

import datetime
import importlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from candidates.models import Consent
from core.models import ConfidentialityDeclaration, Organisation, Role, User
from programs.models import Municipality, Occupation
from programs.reference_data import load_reference_data
from tests.accounts.otp import log_in_verified
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
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


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Tests marked ``postgres`` need PostgreSQL features; on SQLite (only) they are skipped."""
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def require(condition: bool, reason: str) -> None:
    """Skip locally when a part is missing; under CI a missing part is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs this and it is missing: {reason}")
    pytest.skip(reason)


def require_tool(name: str, package: str) -> str:
    """The path of a command-line tool, or skip (fail under CI) naming the Debian package."""
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed (apt-get install {package})")
    return str(path)


NOTO_FAMILIES = ("Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic")


def require_noto_fonts() -> None:
    """PDFs of names in Arabic, Ethiopic and other scripts need Debian's fonts-noto-core."""
    families = ""
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True)
        families = listed.stdout
    missing = [family for family in NOTO_FAMILIES if family not in families]
    require(not missing, f"fonts {missing} are not installed (apt-get install fonts-noto-core)")


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
            # Leads and coordinators must pass two-step verification (core.mfa).
            log_in_verified(client, user)
        return client


def build_world() -> World:
    # Transactional tests flush every table, including the reference data from migrations.
    if not Occupation.objects.exists():
        load_reference_data(Occupation, Municipality)
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
    # The mentor has accepted the duty of confidentiality (tests of the gate use a fresh mentor).
    ConfidentialityDeclaration.objects.create(
        user=world.users["mentor"], operator=operator, accepted_at=timezone.now()
    )
    world.users["site_admin"] = UserFactory(
        username="admin@example.org", is_staff=True, is_superuser=True
    )
    programme = ProgrammeFactory(operator=operator, name="Traineeprogram Testby")
    programme.partners.add(partner_org)
    cohort = CohortFactory(programme=programme, name="Kull 2027")
    unit = HostUnitFactory(operator=operator, name="Eiendom")
    network = ProgrammeFactory(operator=operator, name="Jobbnettverk", kind="network")
    candidate = CandidateFactory(operator=operator, given_name="Amal", family_name="Haddad")
    world.objects.update(
        candidate=candidate,
        consent=Consent.objects.create(
            candidate=candidate, purpose="processing", given_on=datetime.date(2026, 11, 1)
        ),
        application=ApplicationFactory(candidate=candidate, cohort=cohort),
        programme=programme,
        cohort=cohort,
        host_unit=unit,
        network=network,
        position=PositionFactory(programme=programme, cohort=cohort, host_unit=unit),
    )
    for extend in world_extensions():
        extend(world)
    return world


def world_extensions():  # type: ignore[no-untyped-def]
    """Each area adds its objects to the world in tests/<area>/world.py (``extend(world)``)."""
    extensions = []
    for area in (
        "placements",
        "mentors",
        "outcomes",
        "reminders",
        "reports",
        "exports",
        "dashboards",
        "privacy",
        "accounts",
        "calendars",
        "matching",
        "portal",
        "hostportal",
    ):
        try:
            module = importlib.import_module(f"tests.{area}.world")
        except ModuleNotFoundError:
            continue
        extensions.append(module.extend)
    return extensions


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: no throttle counts or cached pages from another."""
    from django.core.cache import cache

    from core.templatetags.fragments import forget_local

    cache.clear()
    forget_local()


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
