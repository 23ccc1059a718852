"""``can`` in every template: the active role's capabilities, made once per role."""

from core.context_processors import capabilities_of
from core.models import Membership, Role
from core.permissions import CAPABILITIES, has_capability
from tests.conftest import World


def test_capabilities_of_each_role_are_what_the_role_grants() -> None:
    for role in [*Role.values, None]:
        membership = Membership(role=role) if role else None
        expected = {c.replace(".", "_"): has_capability(membership, c) for c in CAPABILITIES}
        assert dict(capabilities_of(role)) == expected, role
        assert capabilities_of(role) is capabilities_of(role)
    assert not any(capabilities_of(None).values())


def test_pages_get_the_capabilities_of_the_active_role(world: World) -> None:
    lead = world.client_for("lead").get("/")
    mentor = world.client_for("mentor").get("/")
    assert lead.context["can"]["candidates_manage"] is True
    assert mentor.context["can"]["candidates_manage"] is False
    assert mentor.context["can"]["followup_write"] is True
