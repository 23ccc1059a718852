from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from candidates.models import Application
from candidates.selectors import candidates_for, get_application_for
from candidates.services import candidate_viewed
from core.extensions import merged_context
from core.forms import call_service, id_param
from core.http import MemberRequest
from core.pagination import UncountedPaginator
from core.permissions import has_capability, requires
from core.queries import joins_in_written_order

from . import hooks, services
from .filters import PlacementFilter
from .forms import EndEarlyForm, ExtendForm, NavAgreementForm, PlacementEditForm, PlacementForm
from .models import NavAgreement
from .selectors import get_placement_for, placement_list_rows

PAGE_SIZE = 25


@requires("placements.view")
@require_GET
def placement_list(request: MemberRequest) -> HttpResponse:
    placements = PlacementFilter(request.GET, queryset=placement_list_rows(request.membership))
    with joins_in_written_order():
        page = UncountedPaginator(placements.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "placements/placement_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"filter": placements, "page": page})


def _initial_from_application(application: Application) -> dict:  # type: ignore[type-arg]
    position, cohort = application.position, application.cohort
    programme = position.programme if position else cohort.programme  # type: ignore[union-attr]
    return {
        "candidate": application.candidate_id,
        "programme": programme.pk,
        "cohort": cohort.pk if cohort else None,
        "position": position.pk if position else None,
        "host_unit": position.host_unit_id if position else None,
        "starts_on": cohort.starts_on if cohort else position.starts_on,  # type: ignore[union-attr]
        "planned_end": (cohort.ends_on if cohort else position.ends_on),  # type: ignore[union-attr]
    }


@requires("placements.manage")
def placement_create(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    application = None
    application_id = id_param(request.POST.get("application") or request.GET.get("application"))
    if application_id is not None:
        application = get_application_for(membership, application_id)
        if application.stage != Application.Stage.ACCEPTED:
            messages.error(request, _("Only an accepted application can become a placement."))
            return redirect("candidates:detail", pk=application.candidate_id)
    initial = (
        _initial_from_application(application)
        if application
        else {
            "candidate": request.GET.get("candidate"),
            "hours_per_week": "37.5",
        }
    )
    form = PlacementForm(
        request.POST or None,
        initial=initial,
        operator_id=membership.operator_id,
        candidates=candidates_for(membership),
    )
    if request.method == "POST" and form.is_valid():
        placement = call_service(
            form,
            services.placement_create,
            by=request.user,
            application=application,
            **form.cleaned_data,
        )
        if placement:
            messages.success(request, _("The placement was planned."))
            return redirect("placements:detail", pk=placement.pk)
    return render(
        request, "placements/placement_form.html", {"form": form, "application": application}
    )


@requires("placements.view")
@require_GET
def placement_detail(request: MemberRequest, pk: int) -> HttpResponse:
    placement = get_placement_for(request.membership, pk)
    candidate_viewed(candidate=placement.candidate, by=request.user, what="placement")
    today = timezone.localdate()
    agreement = NavAgreement.objects.filter(placement=placement).first()
    can_manage = has_capability(request.membership, "placements.manage")
    context = {
        "placement": placement,
        "agreement": agreement,
        "nav_warning": agreement is not None and agreement.ends_on < placement.planned_end,
        "today": today,
        "can_manage": can_manage,
        "extend_form": ExtendForm(initial={"planned_end": placement.planned_end}),
        "end_form": EndEarlyForm(initial={"on": today}),
        # The milestones (mentors) and the change history (history, staff only).
        **merged_context(hooks.placement_detail, request, placement),
    }
    return render(request, "placements/placement_detail.html", context)


@requires("placements.manage")
def placement_edit(request: MemberRequest, pk: int) -> HttpResponse:
    placement = get_placement_for(request.membership, pk)
    form = PlacementEditForm(
        request.POST or None,
        operator_id=request.membership.operator_id,
        initial={"hours_per_week": placement.hours_per_week, "supervisor": placement.supervisor},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.placement_update,
            placement=placement,
            by=request.user,
            **form.cleaned_data,
        )
        is not None
    ):
        messages.success(request, _("The placement was saved."))
        return redirect("placements:detail", pk=placement.pk)
    return render(
        request,
        "placements/simple_form.html",
        {"form": form, "placement": placement, "title": _("Edit placement")},
    )


def _transition(request: MemberRequest, pk: int, action, form_class=None, success: str = ""):
    placement = get_placement_for(request.membership, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("placements:detail", pk=placement.pk)
    try:
        action(placement=placement, by=request.user, **(form.cleaned_data if form else {}))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("placements:detail", pk=placement.pk)


@requires("placements.manage")
@require_POST
def placement_start(request: MemberRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.placement_start, success=_("The placement started."))


@requires("placements.manage")
@require_POST
def placement_extend(request: MemberRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        services.placement_extend,
        ExtendForm,
        success=_("The placement was extended; open milestones moved with it."),
    )


@requires("placements.manage")
@require_POST
def placement_end_early(request: MemberRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        services.placement_end_early,
        EndEarlyForm,
        success=_("The placement was ended early."),
    )


@requires("placements.manage")
@require_POST
def placement_complete(request: MemberRequest, pk: int) -> HttpResponse:
    return _transition(
        request, pk, services.placement_complete, success=_("The placement was completed.")
    )


@requires("placements.manage")
def nav_agreement(request: MemberRequest, pk: int) -> HttpResponse:
    placement = get_placement_for(request.membership, pk)
    instance = NavAgreement.objects.filter(placement=placement).first()
    form = NavAgreementForm(
        request.POST or None,
        instance=instance,
        initial={
            "starts_on": placement.starts_on,
            "ends_on": placement.planned_end,
        }
        if instance is None
        else None,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.nav_agreement_set,
            placement=placement,
            by=request.user,
            **form.cleaned_data,
        )
        is not None
    ):
        messages.success(request, _("The NAV agreement was saved."))
        return redirect("placements:detail", pk=placement.pk)
    return render(
        request,
        "placements/simple_form.html",
        {"form": form, "placement": placement, "title": _("NAV livelihood agreement")},
    )
