"""Global search: candidates by name in any script, placements by their candidate's or host
unit's name, and host units by name — each within what the membership may see."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from candidates.selectors import candidates_for, name_order, search
from core.models import Membership
from core.permissions import has_capability
from placements.selectors import placement_rows
from programs.models import HostUnit
from programs.selectors import hostunits_for

# At least this many characters, so one letter does not list a whole operator.
MIN_LENGTH = 2
KINDS = ("candidates", "placements", "hostunits")


@dataclass(frozen=True)
class Query:
    text: str

    @property
    def usable(self) -> bool:
        return len(self.text.strip()) >= MIN_LENGTH


def kinds_for(membership: Membership | None) -> list[str]:
    """The kinds of result this membership may search."""
    allowed = []
    if has_capability(membership, "candidates.view"):
        allowed.append("candidates")
    if has_capability(membership, "placements.view"):
        allowed.append("placements")
    if has_capability(membership, "hostunits.view"):
        allowed.append("hostunits")
    return allowed


def candidate_results(membership: Membership | None, text: str) -> QuerySet:
    """Candidates whose names (as written or transliterated) hold every word (scoped)."""
    return search(candidates_for(membership), text).order_by(*name_order(), "pk")


def placement_results(membership: Membership | None, text: str) -> QuerySet:
    """Placements whose candidate's name holds every word, or whose host unit's name holds the
    text (scoped)."""
    by_candidate = search(candidates_for(membership), text).values("pk")
    return (
        placement_rows(membership)
        .filter(Q(candidate__in=by_candidate) | Q(host_unit__name__icontains=text.strip()))
        .order_by("-starts_on", "-pk")
    )


def hostunit_results(membership: Membership | None, text: str) -> QuerySet[HostUnit]:
    """Host units and employers whose name holds the text (scoped)."""
    return hostunits_for(membership).filter(name__icontains=text.strip()).order_by("name", "pk")


RESULTS = {
    "candidates": candidate_results,
    "placements": placement_results,
    "hostunits": hostunit_results,
}
