"""Who may do what: capabilities per role, and the one way a view declares what it needs.

A view states its capability with ``@requires("programmes.manage")`` whether it is a function or a
class. The decorator answers 403 when the active membership lacks the capability; the scoped
lookups in each app's selectors answer 404 for objects outside the user's operator.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View

from .http import SignedInRequest
from .models import ConfidentialityDeclaration, Membership, Role

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.LEAD, Role.COORDINATOR})
FOLLOW_UP = frozenset({Role.SUPERVISOR, Role.MENTOR})

CAPABILITIES: dict[str, frozenset[str]] = {
    # The operator's own people and their roles.
    "members.manage": frozenset({Role.LEAD}),
    # Programmes, cohorts and their aggregates; partners see aggregates only.
    "programmes.view": STAFF | {Role.PARTNER},
    "programmes.manage": frozenset({Role.LEAD}),
    # The register of host units and employers, and the positions they open.
    "hostunits.view": STAFF,
    "hostunits.manage": STAFF,
    # Candidates: staff see all of the operator's; supervisors and mentors only their own people.
    "candidates.view": STAFF | FOLLOW_UP,
    "candidates.manage": STAFF,
    "candidates.reveal_id": frozenset({Role.LEAD}),
    # Selection: applications and the boards.
    "selection.manage": STAFF,
    # Matching: shortlists show candidates, so only staff; the weights are the lead's.
    "matching.view": STAFF,
    "matching.weights": frozenset({Role.LEAD}),
    # Placements and the NAV agreement: staff; supervisors and mentors read their own.
    "placements.view": STAFF | FOLLOW_UP,
    "placements.manage": STAFF,
    # Mentoring: staff assign mentors; supervisors and mentors write notes and evaluations.
    "mentoring.manage": STAFF,
    # A mentor keeps their own mentor profile; coordinators keep everyone's (mentoring.manage).
    "mentoring.profile": frozenset({Role.MENTOR}),
    "followup.write": STAFF | FOLLOW_UP,
    # Outcomes and events.
    "outcomes.manage": STAFF,
    "events.manage": STAFF,
    # The candidate's rights are the controller's acts: the lead exports everything held (which
    # includes confidential notes) and erases it, or puts the record under a legal hold that
    # stops erasure. Coordinators record the candidate's request for the lead to decide.
    "privacy.export": frozenset({Role.LEAD}),
    "privacy.request": STAFF,
    "privacy.erase": frozenset({Role.LEAD}),
    # Privacy: the operator's access log and its retention policy are the lead's.
    "privacy.access_log": frozenset({Role.LEAD}),
    "privacy.retention": frozenset({Role.LEAD}),
}

# Capabilities that open candidates' personal data: supervisors and mentors must first accept
# the confidentiality declaration (views answer with a redirect to it until they have).
PERSONAL_DATA = frozenset({"candidates.view", "placements.view", "followup.write"})
DECLARATION_URL = "core:declaration"


def role_has_capability(role: str | None, capability: str) -> bool:
    """True when ``role`` grants the capability; no role or an unknown capability grants nothing."""
    return role is not None and role in CAPABILITIES.get(capability, frozenset())


def has_capability(membership: Membership | None, capability: str) -> bool:
    """True when the role grants the capability; an unknown capability grants nothing."""
    if membership is None:
        return False
    return membership.role in CAPABILITIES.get(capability, frozenset())


def check_capability(request: HttpRequest, capability: str) -> None:
    """Raise PermissionDenied unless the active membership grants the capability."""
    if capability not in CAPABILITIES:
        raise ValueError(f"Unknown capability {capability!r}")
    if not has_capability(getattr(request, "membership", None), capability):
        raise PermissionDenied


def needs_declaration(membership: Membership | None, capability: str) -> bool:
    """True when a supervisor or mentor has yet to accept the confidentiality declaration."""
    if membership is None or capability not in PERSONAL_DATA or membership.role not in FOLLOW_UP:
        return False
    return not ConfidentialityDeclaration.objects.filter(
        user_id=membership.user_id, operator_id=membership.operator_id
    ).exists()


V = TypeVar("V", bound=Callable[..., Any])  # a view function or a View class


def requires(capability: str) -> Callable[[V], V]:
    """Declare the capability a function or class-based view needs."""
    if capability not in CAPABILITIES:
        raise ValueError(f"Unknown capability {capability!r}")

    def decorator(view: V) -> V:
        if isinstance(view, type) and issubclass(view, View):
            decorated = method_decorator(requires(capability), name="dispatch")(view)
            decorated.capability = capability  # type: ignore[attr-defined]
            return decorated  # type: ignore[return-value]

        function: Callable[..., Any] = view

        @wraps(function)
        def wrapped(request: SignedInRequest, *args: Any, **kwargs: Any) -> Any:
            check_capability(request, capability)
            if needs_declaration(request.membership, capability):
                return redirect_to_login(
                    request.get_full_path(), reverse(DECLARATION_URL), redirect_field_name="next"
                )
            return function(request, *args, **kwargs)

        wrapped.capability = capability  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator
