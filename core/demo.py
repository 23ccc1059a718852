"""Demo data for tenancy: the four operators from the source articles and one login per role.

Idempotent: every row is found by a natural key before it is created, so seeding twice changes
nothing. Later areas add their own ``demo.py`` and are called from the ``seed_demo`` command.
"""

from dataclasses import dataclass, field

from .models import Membership, Organisation, Role, User

DEMO_PASSWORD = "springbrett-demo"  # noqa: S105 - printed for the demo, never used in production


@dataclass
class DemoWorld:
    operators: dict[str, Organisation] = field(default_factory=dict)
    partners: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def users_by_operator(self, key: str) -> User:
        """The lead of an operator: the demo's actions are done in their name."""
        operator = self.operators[key]
        return self.users_by_operator_id(operator.pk)

    def users_by_operator_id(self, operator_id: int) -> User:
        return Membership.objects.get(operator_id=operator_id, role=Role.LEAD).user


OPERATORS = {
    "baerum": ("Bærum kommune", Organisation.Kind.MUNICIPALITY, "935478715"),
    "kia": ("KIA Skien", Organisation.Kind.NGO, "994316850"),
    "vo": ("Voksenopplæringssenteret i Bærum", Organisation.Kind.ADULT_EDUCATION, ""),
    "globale": ("Globale Bærum", Organisation.Kind.BUSINESS_NETWORK, ""),
}

PARTNERS = {
    # key: (operator key, name, kind)
    "nav_baerum": ("baerum", "NAV Bærum", Organisation.Kind.NAV),
    "nav_skien": ("kia", "NAV Skien", Organisation.Kind.NAV),
    "vestfold_telemark": ("kia", "Vestfold og Telemark fylkeskommune", Organisation.Kind.COUNTY),
    "nav_baerum_vo": ("vo", "NAV Bærum", Organisation.Kind.NAV),
    "nav_baerum_gb": ("globale", "NAV Bærum", Organisation.Kind.NAV),
    "naeringsrad": ("globale", "Bærum Næringsråd", Organisation.Kind.OTHER),
    "rode_kors": ("globale", "Røde Kors Bærum", Organisation.Kind.OTHER),
}

# (username, first, last, [(operator key, role, partner key or None)], what the login shows)
USERS: list[tuple[str, str, str, list[tuple[str, str, str | None]], str]] = [
    (
        "leder@baerum.demo",
        "Ingrid",
        "Solberg",
        [("baerum", Role.LEAD, None)],
        "HR project lead, Bærum kommune (trainee programme)",
    ),
    (
        "koordinator@baerum.demo",
        "Jonas",
        "Berg",
        [("baerum", Role.COORDINATOR, None), ("vo", Role.COORDINATOR, None)],
        "Coordinator in Bærum kommune and the adult-education centre (switches operator)",
    ),
    (
        "veileder@baerum.demo",
        "Kari",
        "Haugen",
        [("baerum", Role.SUPERVISOR, None)],
        "Supervisor at a host unit, Bærum kommune",
    ),
    (
        "veileder.it@baerum.demo",
        "Ahmed",
        "Karlsen",
        [("baerum", Role.SUPERVISOR, None)],
        "Supervisor, Digitalisering og IT, Bærum kommune",
    ),
    (
        "veileder.vei@baerum.demo",
        "Lars",
        "Moen",
        [("baerum", Role.SUPERVISOR, None)],
        "Supervisor, Vei og trafikk, Bærum kommune",
    ),
    (
        "mentor@kia.demo",
        "Ole",
        "Nilsen",
        [("kia", Role.MENTOR, None)],
        "Mentor in KIA Skien's mentor scheme",
    ),
    (
        "nav@baerum.demo",
        "Sara",
        "Lie",
        [("baerum", Role.PARTNER, "nav_baerum")],
        "Partner viewer from NAV Bærum (read-only reports)",
    ),
    (
        "leder@kia.demo",
        "Amina",
        "Hassan",
        [("kia", Role.LEAD, None)],
        "Lead, KIA Skien (mentor scheme)",
    ),
    (
        "leder@vo.demo",
        "Gro",
        "Skansen",
        [("vo", Role.LEAD, None)],
        "Lead, the adult-education centre (work practice)",
    ),
    (
        "leder@globale.demo",
        "Tore",
        "Gulli",
        [("globale", Role.LEAD, None)],
        "Lead, Globale Bærum (business network)",
    ),
]


def _user(username: str, first: str, last: str, *, staff: bool = False) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            email=username,
            first_name=first,
            last_name=last,
            is_staff=staff,
            is_superuser=staff,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def seed(world: DemoWorld) -> None:
    for key, (name, kind, orgnr) in OPERATORS.items():
        world.operators[key], _ = Organisation.objects.get_or_create(
            name=name, is_operator=True, defaults={"kind": kind, "org_number": orgnr}
        )
    for key, (op_key, name, kind) in PARTNERS.items():
        world.partners[key], _ = Organisation.objects.get_or_create(
            name=name, operator=world.operators[op_key], defaults={"kind": kind}
        )
    for username, first, last, roles, description in USERS:
        user = _user(username, first, last)
        world.users[username] = user
        for op_key, role, partner_key in roles:
            Membership.objects.get_or_create(
                user=user,
                operator=world.operators[op_key],
                defaults={
                    "role": role,
                    "partner_organisation": world.partners.get(partner_key or ""),
                },
            )
        world.logins.append((username, DEMO_PASSWORD, description))
    world.users["admin"] = _user("admin@springbrett.demo", "Site", "Admin", staff=True)
    world.logins.append(("admin@springbrett.demo", DEMO_PASSWORD, "Site admin (Django admin)"))
