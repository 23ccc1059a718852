import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .access_log import present
from .filters import AccessLogFilter, MemberFilter
from .forms import (
    MemberChangeForm,
    MemberInviteForm,
    id_param,
)
from .http import MemberRequest, SignedInRequest
from .middleware import SESSION_OPERATOR_KEY
from .models import ConfidentialityDeclaration
from .permissions import requires
from .selectors import access_log_of, members_of, memberships_of
from .services import (
    declaration_accept,
    membership_change,
    membership_invite,
)

PAGE_SIZE = 25
ACCESS_LOG_PAGE_SIZE = 50
# When templates/core/accessibility.html was last checked against the product; change both together.
STATEMENT_DATE = datetime.date(2026, 11, 29)


@require_POST
def operator_switch(request: SignedInRequest) -> HttpResponse:
    operator_id = id_param(request.POST.get("operator"))
    if operator_id is None:
        raise Http404
    membership = get_object_or_404(memberships_of(user=request.user), operator_id=operator_id)
    request.session[SESSION_OPERATOR_KEY] = membership.operator_id
    messages.success(
        request, _("You are now working in %(operator)s.") % {"operator": membership.operator.name}
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("workday:home")
    # Not redirect(): it would try a non-URL ``next`` as a view name (NoReverseMatch, a 500).
    return HttpResponseRedirect(target)


def declaration(request: SignedInRequest) -> HttpResponse:
    """The duty of confidentiality that supervisors and mentors accept before first access."""
    membership = request.membership
    accepted = (
        membership is not None
        and ConfidentialityDeclaration.objects.filter(
            user_id=membership.user_id, operator_id=membership.operator_id
        ).first()
    )
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("workday:home")
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied
        declaration_accept(membership=membership)
        messages.success(request, _("Thank you. The declaration is recorded."))
        return HttpResponseRedirect(target)
    return render(request, "core/declaration.html", {"accepted": accepted, "next": target})


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html", {"statement_date": STATEMENT_DATE})


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@requires("members.manage")
@require_GET
def member_list(request: MemberRequest) -> HttpResponse:
    members = MemberFilter(request.GET, queryset=members_of(operator=request.membership.operator))
    page = Paginator(members.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/member_list.html", {"filter": members, "page": page})


@requires("members.manage")
def member_invite(request: MemberRequest) -> HttpResponse:
    operator = request.membership.operator
    form = MemberInviteForm(request.POST or None, operator=operator)
    if request.method == "POST" and form.is_valid():
        membership_invite(operator=operator, by=request.user, **form.cleaned_data)
        messages.success(
            request, _("The member was added. New users get an e-mail to set a password.")
        )
        return redirect("core:member_list")
    return render(request, "core/member_form.html", {"form": form, "title": _("Add member")})


@requires("members.manage")
def member_change(request: MemberRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(members_of(operator=request.membership.operator), pk=pk)
    form = MemberChangeForm(
        request.POST or None, initial={"role": membership.role, "is_active": membership.is_active}
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership_change(membership=membership, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The membership was updated."))
            return redirect("core:member_list")
    return render(
        request,
        "core/member_form.html",
        {"form": form, "title": _("Change member"), "member": membership},
    )


# --- Privacy: the access log and retention -------------------------------------------------


@requires("privacy.access_log")
@require_GET
def access_log(request: MemberRequest) -> HttpResponse:
    """The operator's audit entries, filtered by who, candidate, action and dates."""
    operator = request.membership.operator
    entries = AccessLogFilter(
        request.GET, queryset=access_log_of(operator=operator), operator=operator
    )
    page = Paginator(entries.qs, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        present(entry)
    template = "core/access_log.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"filter": entries, "page": page})
