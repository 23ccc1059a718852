"""Writes for mentoring and follow-up: mentorships, notes, milestone plans, evaluations.

Every service is atomic, validates before it saves and writes one audit entry with ids only.
"""

from .evaluations import (
    INVITATION_DAYS,
    LinkExpired,
    LinkUsed,
    evaluation_invite_candidate,
    evaluation_submit,
    evaluation_submit_by_candidate,
    evaluation_submit_by_token,
    evaluation_template_default,
)
from .mentorships import (
    MENTOR_ROLES,
    mentorship_create,
    mentorship_end,
    note_create,
)
from .milestones import (
    milestone_mark_done,
    milestone_plan,
    milestone_template_add,
    milestone_template_remove,
    milestones_sync,
)
from .profiles import mentor_profile_save

__all__ = [
    "mentor_profile_save",
    "MENTOR_ROLES",
    "mentorship_create",
    "mentorship_end",
    "note_create",
    "milestone_mark_done",
    "milestone_plan",
    "milestone_template_add",
    "milestone_template_remove",
    "milestones_sync",
    "INVITATION_DAYS",
    "LinkExpired",
    "LinkUsed",
    "evaluation_invite_candidate",
    "evaluation_submit",
    "evaluation_submit_by_candidate",
    "evaluation_submit_by_token",
    "evaluation_template_default",
]
