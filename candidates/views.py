from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.extensions import merged_context
from core.forms import call_service
from core.http import MemberRequest
from core.pagination import UncountedPaginator
from core.permissions import has_capability, requires
from programs.selectors import get_cohort_for, get_position_for

from . import hooks, selectors, services
from .filters import CandidateFilter
from .forms import (
    ApplicationForm,
    BulkMoveForm,
    CandidateForm,
    ConsentForm,
    FindByIdForm,
    MoveForm,
    language_choices,
)
from .models import Application, Consent
from .national_id import mask_national_id
from .privacy.forms import SubjectRequestForm
from .privacy.requests import subject_requests_of

PAGE_SIZE = 25


@requires("candidates.view")
@require_GET
def candidate_list(request: MemberRequest) -> HttpResponse:
    candidates = CandidateFilter(request.GET, queryset=selectors.candidate_rows(request.membership))
    page = UncountedPaginator(candidates.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": candidates, "page": page, "find_form": FindByIdForm()}
    template = "candidates/candidate_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@requires("candidates.manage")
@require_POST
def candidate_find(request: MemberRequest) -> HttpResponse:
    """Exact search by national id; a POST so the id never appears in a URL or access log."""
    form = FindByIdForm(request.POST)
    if form.is_valid():
        candidate = selectors.find_by_national_id(
            request.membership, form.cleaned_data["national_id"]
        )
        if candidate is not None:
            return redirect("candidates:detail", pk=candidate.pk)
    messages.warning(request, _("No candidate has that id number."))
    return redirect("candidates:list")


@requires("candidates.manage")
def candidate_create(request: MemberRequest) -> HttpResponse:
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        candidate = call_service(
            form,
            services.candidate_create,
            operator=request.membership.operator,
            by=request.user,
            **form.cleaned_data,
        )
        if candidate:
            messages.success(request, _("The candidate was registered."))
            return redirect("candidates:detail", pk=candidate.pk)
    return render(
        request, "candidates/candidate_form.html", {"form": form, "title": _("New candidate")}
    )


@requires("candidates.manage")
def candidate_edit(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for(request.membership, pk)
    if request.method == "GET":
        # The form shows the whole record: a read like the detail page.
        services.candidate_viewed(candidate=candidate, by=request.user, what="edit")
    form = CandidateForm(request.POST or None, instance=candidate)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # An empty id field means "leave unchanged"; removing an id is done by a lead in admin.
        data["national_id"] = data.get("national_id") or None
        if call_service(
            form, services.candidate_update, candidate=candidate, by=request.user, **data
        ):
            messages.success(request, _("The candidate was saved."))
            return redirect("candidates:detail", pk=candidate.pk)
    return render(
        request,
        "candidates/candidate_form.html",
        {
            "form": form,
            "title": _("Edit candidate"),
            "candidate": candidate,
            "masked_id": mask_national_id(candidate.national_id) if candidate.national_id else "",
        },
    )


def _detail_context(request: MemberRequest, candidate) -> dict:
    membership = request.membership
    names = dict(language_choices())
    sensitive = selectors.can_see_sensitive(membership)
    return {
        "candidate": candidate,
        "sensitive": sensitive,
        "can_see_access_log": has_capability(membership, "privacy.access_log"),
        "masked_id": mask_national_id(candidate.national_id) if candidate.national_id else "",
        "can_manage": has_capability(membership, "candidates.manage"),
        "can_reveal": has_capability(membership, "candidates.reveal_id"),
        "applications": selectors.applications_of(candidate),
        "history": selectors.stage_history_of(candidate)[:50],
        "consents": candidate.consents.select_related("recorded_by"),
        "consent_form": ConsentForm(initial={"given_on": timezone.localdate()}),
        "move_form": MoveForm(),
        "languages": [names.get(code, code) for code in candidate.other_languages],
        "subject_requests": subject_requests_of(candidate)[:10]
        if has_capability(membership, "privacy.request")
        else [],
        "subject_request_form": SubjectRequestForm(initial={"received_on": timezone.localdate()}),
        # The placements (placements) and the change history (history, staff only).
        **merged_context(hooks.candidate_detail, request, candidate),
    }


@requires("candidates.view")
@require_GET
def candidate_detail(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for(request.membership, pk)
    services.candidate_viewed(candidate=candidate, by=request.user)
    return render(request, "candidates/candidate_detail.html", _detail_context(request, candidate))


@requires("candidates.reveal_id")
@require_POST
def candidate_reveal_id(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for(request.membership, pk)
    context = _detail_context(request, candidate)
    context["revealed_id"] = services.candidate_reveal_national_id(
        candidate=candidate, by=request.user
    )
    return render(request, "candidates/candidate_detail.html", context)


@requires("candidates.manage")
@require_POST
def consent_add(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for(request.membership, pk)
    form = ConsentForm(request.POST)
    if (
        form.is_valid()
        and call_service(
            form, services.consent_record, candidate=candidate, by=request.user, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, _("The consent was recorded."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("candidates:detail", pk=candidate.pk)


@requires("candidates.manage")
@require_POST
def consent_withdraw(request: MemberRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(
        Consent.objects.select_related("candidate"),
        pk=pk,
        candidate__in=selectors.candidates_for(request.membership),
    )
    try:
        services.consent_withdraw(
            consent=consent, withdrawn_on=timezone.localdate(), by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The consent was marked as withdrawn."))
    return redirect("candidates:detail", pk=consent.candidate_id)


@requires("selection.manage")
def application_add(request: MemberRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for(request.membership, pk)
    form = ApplicationForm(request.POST or None, operator_id=candidate.operator_id)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.application_create,
            candidate=candidate,
            by=request.user,
            **form.target_kwargs(),
        )
        is not None
    ):
        messages.success(request, _("The application was registered."))
        return redirect("candidates:detail", pk=candidate.pk)
    return render(
        request, "candidates/application_form.html", {"form": form, "candidate": candidate}
    )


def _safe_next(request: HttpRequest, fallback: str, **kwargs) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        # Not redirect(): it would try a non-URL ``next`` as a view name (NoReverseMatch).
        return HttpResponseRedirect(target)
    return redirect(fallback, **kwargs)


@requires("selection.manage")
@require_POST
def application_move(request: MemberRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for(request.membership, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.application_move(
                application=application,
                to=form.cleaned_data["stage"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The application was moved."))
    else:
        messages.error(request, _("Choose a stage."))
    return _safe_next(request, "candidates:detail", pk=application.candidate_id)


def _board(request: HttpRequest, *, cohort=None, position=None) -> HttpResponse:
    applications = list(selectors.board_applications(cohort=cohort, position=position))
    columns = [
        {
            "stage": stage,
            "label": label,
            "applications": [a for a in applications if a.stage == stage],
        }
        for stage, label in Application.Stage.choices
    ]
    context = {
        "cohort": cohort,
        "position": position,
        "columns": columns,
        "form": BulkMoveForm(queryset=Application.objects.none()),
        "total": len(applications),
    }
    return render(request, "candidates/board.html", context)


@requires("selection.manage")
@require_GET
def cohort_board(request: MemberRequest, pk: int) -> HttpResponse:
    return _board(request, cohort=get_cohort_for(request.membership, pk))


@requires("selection.manage")
@require_GET
def position_board(request: MemberRequest, pk: int) -> HttpResponse:
    return _board(request, position=get_position_for(request.membership, pk))


@requires("selection.manage")
@require_POST
def board_bulk_move(request: MemberRequest) -> HttpResponse:
    scope = Application.objects.filter(candidate__operator_id=request.membership.operator_id)
    form = BulkMoveForm(request.POST, queryset=scope)
    if form.is_valid():
        try:
            moved = services.application_bulk_move(
                applications=form.cleaned_data["applications"],
                to=form.cleaned_data["stage"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(
                request, _("Nothing was moved: %(error)s") % {"error": " ".join(exc.messages)}
            )
        else:
            messages.success(request, _("%(count)s applications were moved.") % {"count": moved})
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return _safe_next(request, "candidates:list")
