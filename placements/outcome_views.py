"""Outcome pages: the due-and-missing worklist, registering and correcting outcomes, and a
programme's figures (aggregates only, so partner viewers may read them)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.forms import call_service, id_param
from core.http import MemberRequest
from core.permissions import requires
from programs.selectors import get_programme_for

from .models import Outcome, Placement
from .outcome_forms import OutcomeDueFilter, OutcomeEditForm, OutcomeFilter, OutcomeForm
from .selectors import get_placement_for, placement_rows
from .selectors.outcomes import get_outcome_for, missing_of, outcome_rows, outcomes_due
from .selectors.outcomes import programme_figures as figures_of
from .services.outcomes import outcome_record, outcome_update

PAGE_SIZE = 25


def _list_page(request: MemberRequest, template: str, filterset, page) -> HttpResponse:
    if request.htmx:
        template = f"{template}#results"
    return render(request, template, {"filter": filterset, "page": page})


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@requires("outcomes.manage")
@require_GET
def due_list(request: MemberRequest) -> HttpResponse:
    due = OutcomeDueFilter(request.GET, queryset=outcomes_due(request.membership), request=request)
    page = Paginator(due.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for placement in page:
        placement.missing = missing_of(placement)
    return _list_page(request, "placements/outcomes/due_list.html", due, page)


@requires("outcomes.manage")
@require_GET
def outcome_list(request: MemberRequest) -> HttpResponse:
    outcomes = OutcomeFilter(
        request.GET, queryset=outcome_rows(request.membership), request=request
    )
    page = Paginator(outcomes.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return _list_page(request, "placements/outcomes/outcome_list.html", outcomes, page)


@requires("outcomes.manage")
def outcome_create(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    placement = None
    chosen = id_param(request.GET.get("placement"))
    if chosen is not None:
        placement = get_placement_for(membership, chosen)
    placements = placement_rows(membership)
    if placement is None:
        # The list offers placements that have begun; a link may name any in scope.
        placements = placements.exclude(status=Placement.Status.PLANNED)
    initial = {
        "placement": placement.pk if placement else None,
        "checkpoint": request.GET.get("checkpoint") or Outcome.Checkpoint.EXIT,
        "recorded_on": timezone.localdate(),
    }
    form = OutcomeForm(
        request.POST or None,
        initial=initial,
        operator_id=membership.operator_id,
        placements=placements,
        fixed=placement is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen_placement = data.pop("placement")
        outcome = call_service(
            form,
            outcome_record,
            candidate=chosen_placement.candidate,
            programme=chosen_placement.programme,
            placement=chosen_placement,
            by=request.user,
            **data,
        )
        if outcome:
            messages.success(request, _("The outcome was registered."))
            # Not redirect(): it would try a non-URL ``next`` as a view name (NoReverseMatch).
            return HttpResponseRedirect(_next_url(request, reverse("placements:outcomes_due")))
    context = {
        "form": form,
        "placement": placement,
        "title": _("Register an outcome"),
        "next": _next_url(request, ""),
        "cancel_url": _next_url(request, reverse("placements:outcomes_due")),
    }
    return render(request, "placements/outcomes/outcome_form.html", context)


@requires("outcomes.manage")
def outcome_edit(request: MemberRequest, pk: int) -> HttpResponse:
    outcome = get_outcome_for(request.membership, pk)
    form = OutcomeEditForm(
        request.POST or None,
        operator_id=request.membership.operator_id,
        initial={
            "kind": outcome.kind,
            "recorded_on": outcome.recorded_on,
            "employer": outcome.employer_id,
            "employer_name": outcome.employer_name,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, outcome_update, outcome=outcome, by=request.user, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, _("The outcome was saved."))
        return redirect("placements:outcome_list")
    context = {
        "form": form,
        "outcome": outcome,
        "title": _("Edit outcome"),
        "cancel_url": reverse("placements:outcome_list"),
    }
    return render(request, "placements/outcomes/outcome_form.html", context)


@requires("programmes.view")
@require_GET
def programme_figures(request: MemberRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.membership, pk)
    context = {"programme": programme, "figures": figures_of(programme)}
    return render(request, "placements/outcomes/programme_figures.html", context)
