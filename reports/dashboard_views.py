"""Dashboards: a programme's figures with charts, the public wall of fame, and a read-only JSON
API of aggregate figures authenticated by a signed per-operator token.

The token is ``signing.dumps({"operator": id}, salt=API_SALT)``: it cannot be revoked except by
rotating SECRET_KEY, which is acceptable while the API returns aggregates only.
"""

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.http import MemberRequest
from core.permissions import requires
from programs.models import Programme
from programs.selectors import get_programme_alone_for

from .dashboard import (
    NATIONAL_REFERENCE,
    NATIONAL_REFERENCE_SOURCE,
    api_figures,
    is_public_wall,
    programme_dashboard,
    public_wall,
)

API_SALT = "dashboards.api"


def api_token_for(operator_id: int) -> str:
    return signing.dumps({"operator": operator_id}, salt=API_SALT)


def operator_from_token(request: HttpRequest) -> int | None:
    """The operator id in the request's ``Authorization: Bearer <token>``, or None."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        data = signing.loads(token.strip(), salt=API_SALT)
    except signing.BadSignature:
        return None
    operator = data.get("operator") if isinstance(data, dict) else None
    return operator if isinstance(operator, int) else None


@requires("programmes.view")
@require_GET
def programme(request: MemberRequest, pk: int) -> HttpResponse:
    programme = get_programme_alone_for(request.membership, pk)
    dashboard = programme_dashboard(programme, request.membership)
    context = {
        "programme": programme,
        "dashboard": dashboard,
        "outcome_chart": dashboard.outcome_chart(),
        "funnel_chart": dashboard.funnel_chart(),
        "national_reference": NATIONAL_REFERENCE,
        "national_reference_source": NATIONAL_REFERENCE_SOURCE,
    }
    return render(request, "reports/dashboards/programme.html", context)


@login_not_required
@require_GET
def wall_of_fame(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    if not is_public_wall(programme):
        raise Http404
    context = {"programme": programme, "employers": public_wall(programme)}
    return render(request, "reports/dashboards/wall_of_fame.html", context)


@requires("programmes.manage")
@require_GET
def api_token(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    context = {"token": api_token_for(membership.operator_id), "operator": membership.operator}
    return render(request, "reports/dashboards/api_token.html", context)


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/dashboards/api_docs.html")


@login_not_required
@require_GET
def api_programme(request: HttpRequest, pk: int) -> HttpResponse:
    operator_id = operator_from_token(request)
    if operator_id is None:
        response = JsonResponse({"error": "unauthorized"}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="springbrett"'
        return response
    programme = Programme.objects.filter(operator_id=operator_id, pk=pk).first()
    if programme is None:
        return JsonResponse({"error": "not found"}, status=404)
    response = JsonResponse(api_figures(programme))
    response["Cache-Control"] = "no-store"
    return response
