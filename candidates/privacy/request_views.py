"""Data subject requests: a coordinator records one from the candidate page; the operator's lead
sees what waits, approves or declines, and carries it out. URLs carry ids only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.forms import call_service
from core.http import MemberRequest
from core.permissions import has_capability, requires

from ..selectors import get_candidate_for
from .forms import SubjectRequestForm
from .requests import (
    get_subject_request_for,
    subject_request_create,
    subject_request_decide,
    subject_requests_for,
    subject_requests_waiting,
)

PAGE_SIZE = 25


@requires("privacy.request")
@require_POST
def subject_request_create_view(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for(request.membership, pk)
    form = SubjectRequestForm(request.POST)
    if (
        form.is_valid()
        and call_service(
            form, subject_request_create, candidate=candidate, by=request.user, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, _("The request was recorded. The project lead decides on it."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("candidates:detail", pk=candidate.pk)


@requires("privacy.request")
@require_GET
def subject_request_list(request: MemberRequest) -> HttpResponse:
    """The operator's requests, open ones first; the lead acts on them here."""
    membership = request.membership
    show = request.GET.get("show", "open")
    rows = (
        subject_requests_for(membership) if show == "all" else subject_requests_waiting(membership)
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "candidates/privacy/requests.html",
        {
            "page": page,
            "show": show,
            "can_decide": has_capability(membership, "privacy.erase"),
        },
    )


@requires("privacy.erase")
@require_POST
def subject_request_decide_view(request: MemberRequest, pk: int) -> HttpResponse:
    subject_request = get_subject_request_for(request.membership, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        subject_request_decide(request=subject_request, approve=approve, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The request was approved.") if approve else _("The request was declined.")
        )
    return redirect("candidates:subject_requests")
