"""What the change history adds to the candidate and placement pages (see core.extensions)."""

from typing import Any

from candidates.hooks import candidate_detail
from candidates.models import Candidate
from candidates.selectors import can_see_sensitive
from core.http import MemberRequest
from core.permissions import has_capability
from placements.hooks import placement_detail
from placements.models import Placement

from .selectors import candidate_history, placement_history


def candidate_changes(request: MemberRequest, candidate: Candidate) -> dict[str, Any]:
    # The change history shows old values (NAV contact, e-mail): staff only, like them.
    if not can_see_sensitive(request.membership):
        return {"changes": None}
    return {"changes": candidate_history(candidate.pk, request.GET.get("history"))}


def placement_changes(request: MemberRequest, placement: Placement) -> dict[str, Any]:
    # Who changed what: for staff, who may change the placement themselves.
    if not has_capability(request.membership, "placements.manage"):
        return {"changes": None}
    return {"changes": placement_history(placement.pk, request.GET.get("history"))}


def register() -> None:
    candidate_detail.register(candidate_changes)
    placement_detail.register(placement_changes)
