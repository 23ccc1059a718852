from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.extensions import merged_context
from core.forms import call_service
from core.http import MemberRequest
from core.permissions import has_capability, requires

from . import hooks, selectors, services
from .filters import HostUnitFilter, ProgrammeFilter
from .forms import (
    CohortForm,
    CommitmentForm,
    FundingFormSet,
    HostUnitForm,
    ProgrammeForm,
)
from .models import Position, Programme

PAGE_SIZE = 25


def _list_page(request: MemberRequest, template: str, filterset, extra=None) -> HttpResponse:
    """A filtered, sorted, paginated list; htmx requests get only the results partial."""
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, **(extra or {})}
    if request.htmx:
        template = f"{template}#results"
    return render(request, template, context)


def _form_page(request: MemberRequest, form, title: str, cancel_url: str) -> HttpResponse:
    return render(
        request, "programs/form.html", {"form": form, "title": title, "cancel_url": cancel_url}
    )


# --- Programmes -----------------------------------------------------------------------------


@requires("programmes.view")
@require_GET
def programme_list(request: MemberRequest) -> HttpResponse:
    programmes = ProgrammeFilter(request.GET, queryset=selectors.programme_rows(request.membership))
    return _list_page(request, "programs/programme_list.html", programmes)


@requires("programmes.view")
@require_GET
def programme_detail(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    positions = Paginator(selectors.positions_of(programme=programme), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "programme": programme,
        "cohorts": selectors.cohorts_of(programme),
        "page": positions,
        "partners": programme.partners.order_by("name"),
        "funding": selectors.funding_of(programme),
        "can_manage_positions": has_capability(request.membership, "hostunits.manage"),
        **merged_context(hooks.programme_detail, request, programme),
        "can_edit_weights": has_capability(request.membership, "programmes.manage"),
        "openings": selectors.openings_of(programme) if programme.kind == "network" else None,
    }
    return render(request, "programs/programme_detail.html", context)


@requires("programmes.manage")
def programme_create(request: MemberRequest) -> HttpResponse:
    operator = request.membership.operator
    form = ProgrammeForm(request.POST or None, operator=operator)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = list(data.pop("partners"))
        programme = call_service(
            form,
            services.programme_create,
            operator=operator,
            by=request.user,
            partners=partners,
            **data,
        )
        if programme:
            messages.success(request, _("The programme was created."))
            return redirect("programs:programme_detail", pk=programme.pk)
    return _form_page(request, form, _("New programme"), reverse("programs:programme_list"))


@requires("programmes.manage")
def programme_edit(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    form = ProgrammeForm(request.POST or None, instance=programme, operator=programme.operator)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = list(data.pop("partners"))
        if call_service(
            form,
            services.programme_update,
            programme=programme,
            by=request.user,
            partners=partners,
            **data,
        ):
            messages.success(request, _("The programme was saved."))
            return redirect("programs:programme_detail", pk=programme.pk)
    return _form_page(request, form, _("Edit programme"), programme_url(programme))


@requires("programmes.manage")
def programme_funding(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    parties = selectors.funding_parties(programme.operator)
    initial = [{"party": s.party, "percent": s.percent} for s in selectors.funding_of(programme)]
    formset = FundingFormSet(request.POST or None, initial=initial, parties=parties)
    if request.method == "POST" and formset.is_valid():
        try:
            services.programme_set_funding(
                programme=programme, shares=formset.shares(), by=request.user
            )
        except services.ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)  # noqa: SLF001
        else:
            messages.success(request, _("The funding was saved."))
            return redirect("programs:programme_detail", pk=programme.pk)
    return render(
        request, "programs/funding_form.html", {"programme": programme, "formset": formset}
    )


# --- Cohorts --------------------------------------------------------------------------------


@requires("programmes.view")
@require_GET
def cohort_detail(request: MemberRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for(request.membership, pk)
    positions = selectors.positions_of(cohort=cohort)
    page = Paginator(positions, 100).get_page(request.GET.get("page"))
    context = {
        "cohort": cohort,
        "programme": cohort.programme,
        "page": page,
        "can_manage_positions": has_capability(request.membership, "hostunits.manage"),
    }
    return render(request, "programs/cohort_detail.html", context)


@requires("programmes.manage")
def cohort_create(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    form = CohortForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        cohort = call_service(
            form, services.cohort_create, programme=programme, by=request.user, **form.cleaned_data
        )
        if cohort:
            messages.success(request, _("The cohort was created."))
            return redirect("programs:cohort_detail", pk=cohort.pk)
    return _form_page(request, form, _("New cohort"), programme_url(programme))


@requires("programmes.manage")
def cohort_edit(request: MemberRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for(request.membership, pk)
    form = CohortForm(request.POST or None, instance=cohort, programme=cohort.programme)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.cohort_update, cohort=cohort, by=request.user, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, _("The cohort was saved."))
        return redirect("programs:cohort_detail", pk=cohort.pk)
    return _form_page(request, form, _("Edit cohort"), programme_url(cohort.programme))


def programme_url(programme: Programme) -> str:
    return reverse("programs:programme_detail", kwargs={"pk": programme.pk})


# --- Positions ------------------------------------------------------------------------------


POSITION_ACTIONS: dict[str, Callable[..., Position]] = {
    Position.Status.OPEN: services.position_open,
    Position.Status.FILLED: services.position_fill,
    Position.Status.CLOSED: services.position_close,
}


@requires("hostunits.manage")
@require_POST
def position_status(request: MemberRequest, pk: int) -> HttpResponse:
    position = selectors.get_position_for(request.membership, pk)
    action = POSITION_ACTIONS.get(request.POST.get("status", ""))
    if action is None:
        messages.error(request, _("Unknown status."))
    else:
        try:
            action(position=position, by=request.user)
        except services.ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The position is now %(status)s.")
                % {"status": position.get_status_display().lower()},
            )
    if request.htmx:
        position = selectors.get_position_for(request.membership, pk)
        return render(
            request,
            "programs/_position_row.html",
            {"position": position, "can_manage_positions": True, "inline_messages": True},
        )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        # Not redirect(): it would try a non-URL ``next`` as a view name (NoReverseMatch).
        return HttpResponseRedirect(next_url)
    return redirect("programs:programme_detail", pk=position.programme_id)


@requires("hostunits.manage")
@require_GET
def occupation_search(request: MemberRequest) -> HttpResponse:
    occupations = selectors.search_occupations(request.GET.get("occupation", ""))
    return render(request, "programs/_occupation_options.html", {"occupations": occupations})


# --- Employer commitments -------------------------------------------------------------------


@requires("hostunits.manage")
def commitment_create(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    if programme.kind != Programme.Kind.NETWORK:
        raise Http404
    form = CommitmentForm(request.POST or None, programme=programme)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.commitment_create,
            programme=programme,
            by=request.user,
            **form.cleaned_data,
        )
        is not None
    ):
        messages.success(request, _("The commitment was recorded."))
        return redirect("programs:programme_detail", pk=programme.pk)
    return _form_page(request, form, _("New employer commitment"), programme_url(programme))


# --- Host units -----------------------------------------------------------------------------


@requires("hostunits.view")
@require_GET
def hostunit_list(request: MemberRequest) -> HttpResponse:
    units = HostUnitFilter(request.GET, queryset=selectors.hostunits_for(request.membership))
    return _list_page(request, "programs/hostunit_list.html", units)


@requires("hostunits.view")
@require_GET
def hostunit_detail(request: MemberRequest, pk: int) -> HttpResponse:
    unit = selectors.get_hostunit_for(request.membership, pk)
    page = Paginator(selectors.positions_of(host_unit=unit), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "programs/hostunit_detail.html",
        {
            "unit": unit,
            "page": page,
            "can_manage_positions": has_capability(request.membership, "hostunits.manage"),
        },
    )


@requires("hostunits.manage")
def hostunit_create(request: MemberRequest) -> HttpResponse:
    operator = request.membership.operator
    form = HostUnitForm(request.POST or None, operator=operator)
    if request.method == "POST" and form.is_valid():
        unit = call_service(
            form, services.hostunit_create, operator=operator, by=request.user, **form.cleaned_data
        )
        if unit:
            messages.success(request, _("The host unit was registered."))
            return redirect("programs:hostunit_detail", pk=unit.pk)
    return _form_page(request, form, _("New host unit"), reverse("programs:hostunit_list"))


@requires("hostunits.manage")
def hostunit_edit(request: MemberRequest, pk: int) -> HttpResponse:
    unit = selectors.get_hostunit_for(request.membership, pk)
    form = HostUnitForm(request.POST or None, instance=unit, operator=unit.operator)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.hostunit_update, unit=unit, by=request.user, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, _("The host unit was saved."))
        return redirect("programs:hostunit_detail", pk=unit.pk)
    return _form_page(
        request,
        form,
        _("Edit host unit"),
        reverse("programs:hostunit_detail", kwargs={"pk": unit.pk}),
    )
