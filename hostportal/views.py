"""The host units' pages: sign in by e-mailed link (or a supervisor's own login), the host's
home, and the forms to report a need, a commitment or a job opening.

``host_required`` gives the views ``request.host``; every lookup is scoped to that unit, so
another unit's submission id answers 404. Every page read is written to the access log.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import call_service
from core.magiclink import LinkPages
from portal.forms import SignInForm
from programs.selectors import search_occupations

from . import selectors, services
from .forms import FORMS, SupervisorEnterForm
from .models import Submission
from .session import host_enter, host_required, host_sign_in, host_sign_out

PAGE_SIZE = 20


PAGES = LinkPages(
    templates="hostportal",
    throttle=services.THROTTLE,
    request_link=services.sign_in_link_request,
    find=services.sign_in_token_find,
    use=services.sign_in_token_use,
    sign_in=host_sign_in,
    home="hostportal:home",
)


def _today() -> datetime.date:
    return timezone.localdate()


# Ask for a link (the same answer for unknown addresses); the e-mailed link: GET shows a
# button (mail scanners follow links), POST signs in.
signin, link = PAGES.views(SignInForm)


@login_not_required
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest) -> HttpResponse:
    """A supervisor opens a unit's pages with their own login: the units they supervise."""
    if not request.user.is_authenticated:
        return redirect("hostportal:signin")
    units = selectors.hosts_supervised_by(request.user)  # type: ignore[arg-type]
    form = SupervisorEnterForm(request.POST or None)
    form.fields["host_unit"].queryset = units  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["host_unit"]
        host_enter(request, unit, request.user)  # type: ignore[arg-type]
        services.host_entered(host_unit=unit, by=request.user)  # type: ignore[arg-type]
        return redirect("hostportal:home")
    return render(request, "hostportal/enter.html", {"form": form, "units": list(units)})


@host_required
@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    host_sign_out(request)
    return redirect("hostportal:signin")


def _viewed(request: HttpRequest, what: str, obj_id: int = 0) -> None:
    services.host_viewed(
        host_unit=request.host,  # type: ignore[attr-defined]
        by=request.host_user,  # type: ignore[attr-defined]
        what=what,
        obj_id=obj_id,
    )


@host_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The host's page: its programmes, what it can report, and its submissions."""
    unit = request.host  # type: ignore[attr-defined]
    today = _today()
    page = Paginator(selectors.submissions_of(unit), PAGE_SIZE).get_page(request.GET.get("page"))
    _viewed(request, "home")
    context = {
        "unit": unit,
        "programmes": list(selectors.programmes_of_host(unit)),
        "can_report_needs": selectors.cohorts_open_for_needs(unit, today).exists(),
        "has_networks": selectors.networks_for(unit, today).exists(),
        "page": page,
    }
    return render(request, "hostportal/home.html", context)


def _submit(request: HttpRequest, kind: str, template: str, done: str) -> HttpResponse:
    unit = request.host  # type: ignore[attr-defined]
    form_class = FORMS[kind]
    instance = Submission(host_unit=unit, kind=kind)
    form: ModelForm = form_class(  # type: ignore[call-arg]
        request.POST or None, instance=instance, host=unit, today=_today()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in services.FIELDS[kind]}
        programme = data["cohort"].programme if kind == Submission.Kind.NEED else data["programme"]
        created = call_service(
            form,
            services.submission_create,
            host_unit=unit,
            programme=programme,
            kind=kind,
            by=request.host_user,  # type: ignore[attr-defined]
            **fields,
        )
        if created:
            messages.success(request, done)
            return redirect("hostportal:home")
    if request.method == "GET":
        _viewed(request, f"form_{kind}")
    return render(request, template, {"form": form, "unit": unit, "kind": kind})


@host_required
@require_http_methods(["GET", "POST"])
def need_new(request: HttpRequest) -> HttpResponse:
    return _submit(
        request,
        Submission.Kind.NEED,
        "hostportal/need_form.html",
        _("Thank you. We have your need, and will answer you here."),
    )


@host_required
@require_http_methods(["GET", "POST"])
def opening_new(request: HttpRequest) -> HttpResponse:
    return _submit(
        request,
        Submission.Kind.OPENING,
        "hostportal/opening_form.html",
        _("Thank you. We have your job opening, and will answer you here."),
    )


@host_required
@require_http_methods(["GET", "POST"])
def commitment_new(request: HttpRequest) -> HttpResponse:
    return _submit(
        request,
        Submission.Kind.COMMITMENT,
        "hostportal/commitment_form.html",
        _("Thank you for your commitment. We will answer you here."),
    )


@host_required
@require_GET
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the unit's submissions, with the answer (and the reason when declined)."""
    item = selectors.get_submission_of(request.host, pk)  # type: ignore[attr-defined]
    _viewed(request, "submission", item.pk)
    return render(request, "hostportal/submission.html", {"item": item})


@host_required
@require_GET
def occupations(request: HttpRequest) -> HttpResponse:
    """Suggestions for the occupation field (the same search the staff forms use)."""
    found = search_occupations(request.GET.get("occupation", ""))
    return render(request, "programs/_occupation_options.html", {"occupations": found})
