"""What placements adds to the pages and scopes of the apps below it (see core.extensions)."""

from typing import Any

from candidates.hooks import candidate_detail, candidate_followers
from candidates.models import Candidate
from core.http import MemberRequest
from core.permissions import has_capability
from programs.hooks import programme_detail
from programs.models import Programme

from .selectors import commitments_of, placement_rows, supervised_candidate_ids, wall_of_fame


def candidate_placements(request: MemberRequest, candidate: Candidate) -> dict[str, Any]:
    membership = request.membership
    return {
        "placements": placement_rows(membership).filter(candidate=candidate),
        "can_place": has_capability(membership, "placements.manage"),
    }


def programme_hires(request: MemberRequest, programme: Programme) -> dict[str, Any]:
    """A network programme's employer commitments and the hires they turned into."""
    is_network = programme.kind == Programme.Kind.NETWORK
    return {
        "commitments": commitments_of(programme) if is_network else None,
        "wall_of_fame": wall_of_fame(programme) if is_network else None,
    }


def register() -> None:
    candidate_followers.register(supervised_candidate_ids)
    candidate_detail.register(candidate_placements)
    programme_detail.register(programme_hires)
