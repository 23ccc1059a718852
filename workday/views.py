"""The home worklist and global search."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.pagination import UncountedPaginator
from core.permissions import needs_declaration
from core.services import audit_access

from .registry import worklist
from .search import KINDS, RESULTS, Query, kinds_for

PAGE_SIZE = 20


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What needs the member now, per role; supervisors and mentors first accept the duty of
    confidentiality (the worklist names their candidates)."""
    membership = request.membership  # type: ignore[attr-defined]
    gated = needs_declaration(membership, "candidates.view")
    sections = [] if gated else worklist(membership)
    context = {
        "sections": sections,
        "todo": sum(s.count for s in sections if s.kind == "todo"),
        "gated": gated,
    }
    return render(request, "workday/home.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search what the member may see; a page that shows candidates is logged as a read."""
    membership = request.membership  # type: ignore[attr-defined]
    query = Query(request.GET.get("q", "")[:100])
    allowed = [] if needs_declaration(membership, "candidates.view") else kinds_for(membership)
    kind = request.GET.get("kind", "")
    if kind not in allowed:
        kind = allowed[0] if allowed else ""
    page = None
    if query.usable and kind:
        rows = RESULTS[kind](membership, query.text)
        page = UncountedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        shown = [row.pk for row in page] if kind == "candidates" else []
        shown += [row.candidate_id for row in page] if kind == "placements" else []
        if shown:
            audit_access(
                actor=request.user,  # type: ignore[arg-type]  # signed in (LoginRequired)
                operator=membership.operator_id,
                action="workday.search",
                candidate_ids=shown,
                data={"kind": kind, "page": page.number},
            )
    context = {
        "query": query,
        "kind": kind,
        "kinds": [k for k in KINDS if k in allowed],
        "page": page,
    }
    return render(request, "workday/search.html", context)
