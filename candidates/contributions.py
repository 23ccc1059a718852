"""What candidates adds to the pages of the apps below it (see core.extensions)."""

from typing import Any

from django.core.paginator import Paginator

from core.http import MemberRequest
from programs.hooks import opening_detail
from programs.models import JobOpening

from .selectors import opening_applications


def opening_candidates(request: MemberRequest, opening: JobOpening) -> dict[str, Any]:
    """The candidates proposed for a job opening, a page at a time."""
    page = Paginator(opening_applications(opening), 25).get_page(request.GET.get("page"))
    return {"opening_applications": page, "page": page}


def register() -> None:
    opening_detail.register(opening_candidates)
