"""What mentors adds to the pages and scopes of the apps below it (see core.extensions)."""

from typing import Any

from candidates.hooks import candidate_followers
from core.http import MemberRequest
from placements.hooks import placement_dates_changed, placement_detail, placement_followers
from placements.models import Placement

from .models import Milestone
from .selectors import mentee_ids
from .services.milestones import milestones_sync


def placement_milestones(request: MemberRequest, placement: Placement) -> dict[str, Any]:
    return {"milestones": Milestone.objects.filter(placement=placement).order_by("due_on", "pk")}


def register() -> None:
    candidate_followers.register(mentee_ids)
    placement_followers.register(mentee_ids)
    placement_detail.register(placement_milestones)
    placement_dates_changed.register(milestones_sync)
