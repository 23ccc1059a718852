"""The lead's worklist section for the candidates' rights: requests for a copy of everything held
or for erasure, recorded by a coordinator, waiting for the lead to decide or carry them out."""

from django.urls import reverse
from django.utils.translation import gettext as _

from candidates.privacy.requests import subject_requests_waiting
from candidates.selectors import display_name
from core.models import Membership
from core.permissions import has_capability

from .registry import Item, Section, Today, register
from .sections import _section


@register("subject_requests", order=5)
def subject_requests(membership: Membership, today: Today) -> Section | None:
    if not has_capability(membership, "privacy.erase"):
        return None
    return _section(
        "subject_requests",
        _("Requests for access and erasure"),
        subject_requests_waiting(membership)
        .select_related(None)
        .only("kind", "status", "received_on")
        .annotate(candidate_name=display_name("candidate__")),
        lambda r: Item(
            label=r.candidate_name,
            url=reverse("candidates:subject_requests"),
            detail=str(r.get_kind_display()),
            when=r.received_on,
            status="waiting" if r.status == "pending" else "ready",
            status_label=str(r.get_status_display()),
        ),
        more_url=reverse("candidates:subject_requests"),
    )
