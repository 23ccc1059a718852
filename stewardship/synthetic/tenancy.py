"""Operators, partners and their staff."""

from django.contrib.auth.hashers import make_password

from core.models import ConfidentialityDeclaration, Membership, Organisation, Role, User
from programs.models import (
    Municipality,
)

from .base import Base
from .plan import (
    Op,
)
from .vocabulary import (
    EMAIL_DOMAIN,
    PASSWORD,
    STAFF_FAMILY,
    STAFF_GIVEN,
    cols,
)


class Tenancy(Base):
    # --- operators, partners, staff --------------------------------------------------------

    def _operator_sizes(self) -> list[int]:
        """A long tail: the biggest operator has about 8 % of the candidates at 400 operators."""
        n, total = self.size.operators, self.size.candidates
        weights = [1 / (i + 1) ** 0.8 for i in range(n)]
        scale = total / sum(weights)
        sizes = [int(w * scale) for w in weights]
        for i in range(total - sum(sizes)):
            sizes[i % n] += 1
        return sizes

    def tenancy(self) -> None:
        self.log("operators and staff")
        municipalities = list(
            Municipality.objects.exclude(code="9999").order_by("code").values_list("code", "name")
        )
        # Oslo first: the biggest operator is Oslo kommune.
        municipalities.sort(key=lambda m: (m[0] != "0301", m[0]))
        sizes = self._operator_sizes()
        # Half municipalities; the first few operators cover every kind (and programme kind).
        kinds = [
            Organisation.Kind.MUNICIPALITY,
            Organisation.Kind.BUSINESS_NETWORK,
            Organisation.Kind.NGO,
            Organisation.Kind.MUNICIPALITY,
            Organisation.Kind.ADULT_EDUCATION,
            Organisation.Kind.MUNICIPALITY,
        ]
        org_ids = iter(self.ids(Organisation, 2 * self.size.operators))
        self.ops: list[Op] = []
        for i, n in enumerate(sizes):
            code, place = municipalities[i % len(municipalities)]
            kind = kinds[i % len(kinds)] if i else Organisation.Kind.MUNICIPALITY
            name = {
                Organisation.Kind.MUNICIPALITY: f"{place} kommune",
                Organisation.Kind.ADULT_EDUCATION: f"Voksenopplæringen i {place}",
                Organisation.Kind.NGO: f"Frivilligsentralen {place}",
                Organisation.Kind.BUSINESS_NETWORK: f"Næringsnettverket {place}",
            }[kind]
            if i >= len(municipalities):
                name += f" {i // len(municipalities) + 1}"
            self.ops.append(Op(next(org_ids), i, name, kind, code, place, n))
        for op in self.ops:
            op.nav_id = next(org_ids)
        numbers = self._orgnrs()
        self.write(
            "organisations",
            Organisation,
            ["id", "name", "kind", "is_operator", "operator_id", "org_number"],
            [(op.id, op.name, op.kind, True, None, next(numbers)) for op in self.ops]
            + [
                (op.nav_id, f"NAV {op.place}", Organisation.Kind.NAV, False, op.id, "")
                for op in self.ops
            ],
        )

        password = make_password(PASSWORD)
        users: list[tuple] = []
        members: list[tuple] = []
        declarations: list[tuple] = []
        user_ids = iter(range(self.writer.next_id(User), 10**12))
        rng = self.rng
        for op in self.ops:
            plan = [
                (Role.LEAD, 1),
                (Role.COORDINATOR, 1 + op.size // 2500),
                (Role.SUPERVISOR, max(1, op.size // 25)),
                (Role.MENTOR, max(1, op.size // 60)),
                (Role.PARTNER, 1),
            ]
            for role, count in plan:
                for k in range(count):
                    uid = next(user_ids)
                    username = f"{role}{k + 1}.o{op.index + 1}@{EMAIL_DOMAIN}"
                    users.append(
                        (
                            uid,
                            username,
                            username,
                            rng.choice(STAFF_GIVEN),
                            rng.choice(STAFF_FAMILY),
                            password,
                            True,
                            False,
                            False,
                            self.now,
                        )  # fmt: skip
                    )
                    members.append((uid, op.id, role, op.nav_id if role == Role.PARTNER else None))
                    if role in (Role.SUPERVISOR, Role.MENTOR):
                        declarations.append((uid, op.id, self.now))
                    if role == Role.LEAD:
                        op.lead = uid
                    elif role != Role.PARTNER:
                        staff = {
                            Role.COORDINATOR: op.coordinators,
                            Role.SUPERVISOR: op.supervisors,
                            Role.MENTOR: op.mentors,
                        }
                        staff[role].append(uid)
        # A site admin without memberships (the Django admin benchmark signs in as this one).
        admin = f"admin@{EMAIL_DOMAIN}"
        users.append(
            (next(user_ids), admin, admin, "Site", "Admin", password, True, True, True, self.now)
        )
        self.write(
            "users",
            User,
            cols(
                "id username email first_name last_name password is_active is_staff is_superuser "
                "date_joined"
            ),
            users,
        )
        membership_ids = iter(self.ids(Membership, len(members)))
        self.write(
            "memberships",
            Membership,
            ["id", "user_id", "operator_id", "role", "partner_organisation_id", "is_active"],
            [(next(membership_ids), *m, True) for m in members],
        )
        declaration_ids = iter(self.ids(ConfidentialityDeclaration, len(declarations)))
        self.write(
            "declarations",
            ConfidentialityDeclaration,
            ["id", "user_id", "operator_id", "accepted_at"],
            [(next(declaration_ids), *d) for d in declarations],
        )
