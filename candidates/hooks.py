"""Extension points of candidates for the apps above it (see core.extensions)."""

from typing import Any

from django.db.models import QuerySet

from core.extensions import Hook
from core.http import MemberRequest
from core.models import Membership

from .models import Candidate

# Ids of the candidates a supervisor or mentor follows (a ``values()`` queryset of one column):
# placements adds those they supervise, mentors their current mentees.
candidate_followers: Hook[[Membership], QuerySet] = Hook("candidates.candidate_followers")

# More of the candidate page: placements adds the placements, history the changes.
candidate_detail: Hook[[MemberRequest, Candidate], dict[str, Any]] = Hook(
    "candidates.candidate_detail"
)
