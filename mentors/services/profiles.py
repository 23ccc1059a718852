"""Mentor profiles: what mentor matching weighs, kept by the mentor or a mentor coordinator."""

from typing import Any

from django.db import transaction

from core.models import User
from core.services import audit_log

from ..models import MentorProfile


@transaction.atomic
def mentor_profile_save(*, profile: MentorProfile, by: User, **fields: Any) -> MentorProfile:
    """Create or change a mentor's profile at one operator (languages, sectors, capacity)."""
    created = profile.pk is None
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    audit_log(
        actor=by,
        operator=profile.operator_id,
        action="mentors.profile.created" if created else "mentors.profile.changed",
        obj=profile,
        data={"mentor": profile.mentor_id, "fields": sorted(fields)},
    )
    return profile
