"""The candidate's rights on the candidate page: downloads of everything held (POST, so a
prefetch never writes the access log), erasure behind a typed confirmation, and the legal hold.
URLs carry the candidate's id only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidates.models import Candidate, SubjectRequest
from candidates.privacy.requests import approved_request, is_request_id
from candidates.selectors import get_candidate_for
from core.forms import call_service
from core.http import MemberRequest
from core.permissions import requires

from .export import as_json
from .forms import EraseForm, LegalHoldForm
from .services import (
    candidate_erase,
    candidate_legal_hold_set,
    subject_export,
    subject_export_filename,
    subject_export_pdf,
)


def _download(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _named_request(
    request: MemberRequest, candidate: Candidate, kind: str
) -> tuple[SubjectRequest | None, HttpResponse | None]:
    """The approved request the form names (``request``), or a redirect with the reason."""
    try:
        return approved_request(candidate, kind, request.POST.get("request")), None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None, redirect("candidates:subject_requests")


@requires("privacy.export")
@require_POST
def subject_export_json(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for(request.membership, pk)
    asked, refused = _named_request(request, candidate, SubjectRequest.Kind.EXPORT)
    if refused:
        return refused
    data = subject_export(candidate=candidate, by=request.user, request=asked)
    return _download(
        as_json(data),
        "application/json; charset=utf-8",
        subject_export_filename(candidate, "json"),
    )


@requires("privacy.export")
@require_POST
def subject_export_pdf_view(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for(request.membership, pk)
    asked, refused = _named_request(request, candidate, SubjectRequest.Kind.EXPORT)
    if refused:
        return refused
    filename, pdf = subject_export_pdf(candidate=candidate, by=request.user, request=asked)
    return _download(pdf, "application/pdf", filename)


@requires("privacy.erase")
def candidate_erase_view(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for(request.membership, pk)
    word = _("ERASE")
    form = EraseForm(request.POST or None, word=word)
    named = request.POST.get("request") or request.GET.get("request")
    if request.method == "POST" and form.is_valid():
        try:
            asked = approved_request(candidate, SubjectRequest.Kind.ERASURE, named)
            candidate_erase(
                candidate=candidate,
                by=request.user,
                reason=form.cleaned_data["reason"],
                request=asked,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The candidate's personal data was erased."))
            if named:
                return redirect(reverse("candidates:subject_requests"))
            return redirect("candidates:detail", pk=candidate.pk)
    return render(
        request,
        "stewardship/privacy/erase.html",
        {
            "candidate": candidate,
            "form": form,
            "word": word,
            "named_request": named if is_request_id(named) else "",
        },
    )


@requires("privacy.erase")
@require_POST
def candidate_legal_hold(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for(request.membership, pk)
    form = LegalHoldForm(request.POST)
    if (
        form.is_valid()
        and call_service(
            form,
            candidate_legal_hold_set,
            candidate=candidate,
            by=request.user,
            hold=form.cleaned_data["hold"],
            reason=form.cleaned_data["reason"],
        )
        is not None
    ):
        if form.cleaned_data["hold"]:
            messages.success(request, _("The candidate is now under a legal hold."))
        else:
            messages.success(request, _("The legal hold was lifted."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("candidates:detail", pk=candidate.pk)
