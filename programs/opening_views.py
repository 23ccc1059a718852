"""Pages for openings: a position in a cohort or an employer's job opening in a network programme.
Both carry the same requirement fields, so their create and edit pages share one form page."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.extensions import merged_context
from core.forms import call_service
from core.http import MemberRequest
from core.permissions import has_capability, requires

from . import hooks, selectors, services
from .forms import JobOpeningForm, OpeningFormBase, PositionForm
from .models import JobOpening, Position, Programme
from .views import programme_url


def _opening_url(opening: JobOpening) -> str:
    return reverse("programs:opening_detail", kwargs={"pk": opening.pk})


def _requirements_page(
    request: MemberRequest,
    form: OpeningFormBase,
    save: Callable[..., Any],
    *,
    saved: str,
    title: str,
    opening: Position | JobOpening | None = None,
    next_url: Callable[[Any], str] | None = None,
    cancel_url: str | None = None,
) -> HttpResponse:
    """A position's or a job opening's form. save calls its service (with the programme or the
    object already bound); then the saved message, and on to next_url(saved object). Both URLs
    default to the programme's page."""
    programme = form.instance.programme
    if request.method == "POST" and form.is_valid():
        result = call_service(form, save, by=request.user, **form.cleaned_data)
        if result is not None:
            messages.success(request, saved)
            return redirect(next_url(result) if next_url else programme_url(programme))
    context = {
        "form": form,
        "title": title,
        "programme": programme,
        "opening": opening,
        "kind": "position" if isinstance(opening, Position) else "opening",
        "cancel_url": cancel_url or programme_url(programme),
    }
    return render(request, "programs/requirements_form.html", context)


# --- Positions ------------------------------------------------------------------------------


@requires("hostunits.manage")
def position_create(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    initial = {
        "host_unit": request.GET.get("host_unit"),
        "cohort": request.GET.get("cohort"),
        "starts_on": programme.starts_on,
    }
    return _requirements_page(
        request,
        PositionForm(request.POST or None, programme=programme, initial=initial),
        partial(services.position_create, programme=programme),
        saved=_("The position was created as a draft."),
        title=_("New position"),
    )


@requires("hostunits.manage")
def position_edit(request: MemberRequest, pk: int) -> HttpResponse:
    position = selectors.get_position_for(request.membership, pk)
    return _requirements_page(
        request,
        PositionForm(request.POST or None, instance=position, programme=position.programme),
        partial(services.position_update, position=position),
        saved=_("The position was saved."),
        title=_("Edit position"),
        opening=position,
    )


# --- Employers' job openings ----------------------------------------------------------------


@requires("hostunits.manage")
def opening_create(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    if programme.kind != Programme.Kind.NETWORK:
        raise Http404
    initial = {"employer": request.GET.get("employer"), "starts_on": programme.starts_on}
    return _requirements_page(
        request,
        JobOpeningForm(request.POST or None, programme=programme, initial=initial),
        partial(services.job_opening_create, programme=programme),
        saved=_("The job opening was registered."),
        next_url=_opening_url,
        title=_("New job opening"),
    )


@requires("hostunits.view")
@require_GET
def opening_detail(request: MemberRequest, pk: int) -> HttpResponse:
    opening = selectors.get_opening_for(request.membership, pk)
    context = {
        "opening": opening,
        "programme": opening.programme,
        "can_manage": has_capability(request.membership, "hostunits.manage"),
        **merged_context(hooks.opening_detail, request, opening),
    }
    return render(request, "programs/opening_detail.html", context)


@requires("hostunits.manage")
def opening_edit(request: MemberRequest, pk: int) -> HttpResponse:
    opening = selectors.get_opening_for(request.membership, pk)
    return _requirements_page(
        request,
        JobOpeningForm(request.POST or None, instance=opening, programme=opening.programme),
        partial(services.job_opening_update, opening=opening),
        saved=_("The job opening was saved."),
        next_url=_opening_url,
        title=_("Edit job opening"),
        opening=opening,
        cancel_url=_opening_url(opening),
    )
