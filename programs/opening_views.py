"""Pages for an employer's job openings in a network programme: create, view and edit."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.extensions import merged_context
from core.forms import call_service
from core.http import MemberRequest
from core.permissions import has_capability, requires

from . import hooks, selectors, services
from .forms import JobOpeningForm
from .models import JobOpening, Programme


def _form(
    request: MemberRequest,
    form: JobOpeningForm,
    title: str,
    programme: Programme,
    opening: JobOpening | None = None,
) -> HttpResponse:
    context = {"form": form, "title": title, "programme": programme, "opening": opening}
    return render(request, "programs/opening_form.html", context)


@requires("hostunits.manage")
def opening_create(request: MemberRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.membership, pk)
    if programme.kind != Programme.Kind.NETWORK:
        raise Http404
    initial = {"employer": request.GET.get("employer"), "starts_on": programme.starts_on}
    form = JobOpeningForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        opening = call_service(
            form,
            services.job_opening_create,
            programme=programme,
            by=request.user,
            **form.cleaned_data,
        )
        if opening:
            messages.success(request, _("The job opening was registered."))
            return redirect("programs:opening_detail", pk=opening.pk)
    return _form(request, form, _("New job opening"), programme)


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
    form = JobOpeningForm(request.POST or None, instance=opening, programme=opening.programme)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.job_opening_update, opening=opening, by=request.user, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, _("The job opening was saved."))
        return redirect("programs:opening_detail", pk=opening.pk)
    return _form(request, form, _("Edit job opening"), opening.programme, opening)
