from collections.abc import Mapping
from types import MappingProxyType

from django.conf import settings
from django.http import HttpRequest

from .permissions import CAPABILITIES, role_has_capability
from .security import idle_remaining
from .selectors import memberships_of


def _memberships(request: HttpRequest) -> object:
    """The operator switcher's list: read once by ActiveOperatorMiddleware for the request."""
    if not request.user.is_authenticated:
        return []
    memberships = getattr(request, "memberships", None)
    return memberships_of(user=request.user) if memberships is None else memberships


_CAN: dict[str | None, Mapping[str, bool]] = {}


def capabilities_of(role: str | None) -> Mapping[str, bool]:
    """``can.<capability>`` for the templates (dots as underscores), made once per role."""
    can = _CAN.get(role)
    if can is None:
        can = _CAN[role] = MappingProxyType(
            {cap.replace(".", "_"): role_has_capability(role, cap) for cap in CAPABILITIES}
        )
    return can


def operator(request: HttpRequest) -> dict[str, object]:
    """The active membership and the capabilities it grants, for navigation by role."""
    membership = getattr(request, "membership", None)
    return {
        "membership": membership,
        "active_operator": membership.operator if membership else None,
        "user_memberships": _memberships(request),
        "can": capabilities_of(membership.role if membership else None),
    }


def session_timeout(request: HttpRequest) -> dict[str, object]:
    """When the idle-timeout warning shows: seconds left and how long before the end it warns."""
    if not request.user.is_authenticated or not hasattr(request, "session"):
        return {}
    return {
        "idle_timeout": {
            "remaining": idle_remaining(request),
            "warning": getattr(settings, "SESSION_IDLE_WARNING", 60),
        }
    }
