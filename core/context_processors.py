from django.http import HttpRequest

from .permissions import CAPABILITIES, has_capability
from .selectors import memberships_of


def operator(request: HttpRequest) -> dict[str, object]:
    """The active membership and the capabilities it grants, for navigation by role."""
    membership = getattr(request, "membership", None)
    return {
        "membership": membership,
        "active_operator": membership.operator if membership else None,
        "user_memberships": (
            memberships_of(user=request.user) if request.user.is_authenticated else []
        ),
        "can": {cap.replace(".", "_"): has_capability(membership, cap) for cap in CAPABILITIES},
    }
