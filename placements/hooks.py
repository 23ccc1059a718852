"""Extension points of placements for the apps above it (see core.extensions)."""

from typing import Any

from django.db.models import QuerySet

from core.extensions import Hook
from core.http import MemberRequest
from core.models import Membership

from .models import Placement

# Ids of the candidates whose placements a follower sees besides those they supervise (a
# ``values()`` queryset of one column): mentors adds their current mentees.
placement_followers: Hook[[Membership], QuerySet] = Hook("placements.placement_followers")

# More of the placement page: mentors adds the milestones, history the changes.
placement_detail: Hook[[MemberRequest, Placement], dict[str, Any]] = Hook(
    "placements.placement_detail"
)

# A placement was created or its dates moved, inside the service's transaction: mentors dates
# its milestones from the programme's plan.
placement_dates_changed: Hook[[Placement], None] = Hook("placements.placement_dates_changed")
