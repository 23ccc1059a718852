"""The candidate's portal: sign in by e-mailed link, their own page, their downloads.

Views here never see a staff user: ``candidate_required`` gives them ``request.candidate`` and
every lookup is scoped to that candidate. Every read is logged in the candidate's access log.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from candidates.services import candidate_viewed
from core.magiclink import LinkPages
from mentors import selectors as mentor_selectors
from mentors.forms import EvaluationForm
from mentors.services import evaluation_submit_by_candidate
from reports.services.documents import issued_pdf

from . import selectors, services
from .export import portal_export_json, portal_export_pdf
from .forms import ContactForm, LanguageForm, SignInForm
from .ical import render_dates
from .session import candidate_required, portal_sign_in, portal_sign_out

PAGES = LinkPages(
    templates="portal",
    throttle=services.THROTTLE,
    request_link=services.sign_in_link_request,
    find=services.sign_in_token_find,
    use=services.sign_in_token_use,
    sign_in=portal_sign_in,
    home="portal:home",
)


# Ask for a link (the same answer for unknown addresses); the e-mailed link: GET shows a
# button (mail scanners follow links), POST signs in.
signin, link = PAGES.views(SignInForm)


@candidate_required
@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    portal_sign_out(request)
    return redirect("portal:signin")


@candidate_required
def home(request: HttpRequest) -> HttpResponse:
    """The candidate's page: programme, placement, people, plan, consents and documents."""
    candidate = request.candidate  # type: ignore[attr-defined]
    page = selectors.candidate_page(candidate)
    candidate_viewed(candidate=candidate, by=None, what="portal")  # type: ignore[arg-type]
    return render(request, "portal/home.html", {"candidate": candidate, "page": page})


@candidate_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = request.candidate  # type: ignore[attr-defined]
    consent = selectors.get_consent_of(candidate, pk)
    try:
        services.portal_consent_withdraw(candidate=candidate, consent=consent)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You have withdrawn this consent. We have told the programme."))
    return redirect("portal:home")


@candidate_required
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """Download one of the candidate's issued documents (logged as a read)."""
    candidate = request.candidate  # type: ignore[attr-defined]
    doc = selectors.get_document_of(candidate, pk)
    pdf = issued_pdf(doc)
    candidate_viewed(
        candidate=candidate,
        by=None,  # type: ignore[arg-type]
        what="portal_document",
        extra={"document": doc.pk},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.filename}"'
    return response


@candidate_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """'What we hold about you' as JSON or PDF (no notes); logged."""
    candidate = request.candidate  # type: ignore[attr-defined]
    if fmt not in {"json", "pdf"}:
        raise Http404
    if fmt == "json":
        filename, data = portal_export_json(candidate=candidate)
        response: HttpResponse = JsonResponse(
            data, json_dumps_params={"ensure_ascii": False, "indent": 2, "sort_keys": True}
        )
    else:
        filename, pdf = portal_export_pdf(candidate=candidate)
        response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@candidate_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    """Change the e-mail address, phone number and availability."""
    candidate = request.candidate  # type: ignore[attr-defined]
    initial = {
        "email": candidate.email,
        "phone": candidate.phone,
        "available_from": candidate.available_from,
        "hours_available": candidate.hours_available,
    }
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_contact_update(candidate=candidate, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your contact details are saved."))
            return redirect("portal:home")
    if request.method == "GET":
        candidate_viewed(candidate=candidate, by=None, what="portal_contact")  # type: ignore[arg-type]
    return render(request, "portal/contact.html", {"form": form})


@candidate_required
@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer one of the candidate's own open evaluations (the same form as the e-mailed link)."""
    candidate = request.candidate  # type: ignore[attr-defined]
    evaluation = mentor_selectors.get_evaluation_addressed_to(candidate, pk)
    questions = list(mentor_selectors.questions_of(evaluation.template_id))
    form = EvaluationForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit_by_candidate(
                candidate=candidate, evaluation=evaluation, answers=form.answers()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you! Your answers are sent."))
            return redirect("portal:home")
    if request.method == "GET":
        candidate_viewed(
            candidate=candidate,
            by=None,  # type: ignore[arg-type]
            what="portal_evaluation",
            extra={"evaluation": evaluation.pk},
        )
    context = {"form": form, "evaluation": evaluation}
    return render(request, "portal/evaluation.html", context)


@candidate_required
def dates(request: HttpRequest) -> HttpResponse:
    """The candidate's coming dates: their plan's open milestones and the events they are invited
    to, with a calendar file to download."""
    candidate = request.candidate  # type: ignore[attr-defined]
    context = {"dates": selectors.candidate_dates(candidate)}
    candidate_viewed(candidate=candidate, by=None, what="portal_dates")  # type: ignore[arg-type]
    return render(request, "portal/dates.html", context)


@candidate_required
def dates_ics(request: HttpRequest) -> HttpResponse:
    """The same dates as an iCalendar file (a download for this session, not a feed)."""
    candidate = request.candidate  # type: ignore[attr-defined]
    body = render_dates(candidate, selectors.candidate_dates(candidate))
    candidate_viewed(candidate=candidate, by=None, what="portal_dates_ics")  # type: ignore[arg-type]
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-dates.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@candidate_required
@require_http_methods(["GET", "POST"])
def language(request: HttpRequest) -> HttpResponse:
    """Choose the language of this page and of the e-mails we send; it holds from now on."""
    candidate = request.candidate  # type: ignore[attr-defined]
    form = LanguageForm(request.POST or None, initial={"language": candidate.language})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["language"]
        services.portal_language_set(candidate=candidate, language=chosen)
        next_url = form.cleaned_data["next"]
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ) or not next_url.startswith(reverse("portal:home")):
            next_url = reverse("portal:home")
        response = redirect(next_url)
        if chosen:
            translation.activate(chosen)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        messages.success(request, _("Your language is saved."))
        return response
    if request.method == "GET":
        candidate_viewed(candidate=candidate, by=None, what="portal_language")  # type: ignore[arg-type]
    return render(request, "portal/language.html", {"form": form})
