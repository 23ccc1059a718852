"""Who receives reminders: the members who can, and how each wants them (preferences)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.models import Membership

from .models import ReminderPreference


@dataclass
class Preferences:
    """Every recipient's preference, with the defaults for those who never chose."""

    by_user: dict[int, tuple[bool, frozenset[str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, user_ids: Iterable[int]) -> "Preferences":
        rows = ReminderPreference.objects.filter(user_id__in=set(user_ids)).values_list(
            "user_id", "delivery", "muted_kinds"
        )
        return cls(
            {
                user_id: (delivery == ReminderPreference.Delivery.DIGEST, frozenset(muted or []))
                for user_id, delivery, muted in rows
            }
        )

    def digest(self, user_id: int) -> bool:
        return self.by_user.get(user_id, (False, frozenset()))[0]

    def wants(self, user_id: int, kind: str) -> bool:
        return kind not in self.by_user.get(user_id, (False, frozenset()))[1]


class Members:
    """Active members with an e-mail address, per operator and role (one query)."""

    def __init__(self, operator_ids: Iterable[int]) -> None:
        self.roles: dict[tuple[int, int], str] = {}
        rows = Membership.objects.filter(
            operator_id__in=set(operator_ids), is_active=True, user__is_active=True
        ).exclude(user__email="")
        for operator_id, user_id, role in rows.values_list("operator_id", "user_id", "role"):
            self.roles[(operator_id, user_id)] = role

    def active(self, operator_id: int, user_id: int | None) -> bool:
        return user_id is not None and (operator_id, user_id) in self.roles

    def with_role(self, operator_id: int, *roles: str) -> list[int]:
        return sorted(u for (o, u), r in self.roles.items() if o == operator_id and r in roles)
