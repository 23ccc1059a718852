"""The language a person reads Springbrett in: their own choice (their language page and the
switcher at the foot of every page), else the operator's default, else what the browser asks for."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

from .forms import OperatorLanguageForm, UserLanguageForm, call_service
from .permissions import requires
from .selectors import preferred_language
from .services import operator_language_set, user_language_set


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES)[code])


def _speak(request: HttpRequest, response: HttpResponse, language: str) -> HttpResponse:
    """Use ``language`` from now on, also on the pages before login (the language cookie)."""
    translation.activate(language)
    request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_not_required
def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the cookie), and for a signed-in user also their saved choice, so
    the switch holds on every device and in the e-mails."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        user_language_set(user=request.user, language=language)
    return response


@require_http_methods(["GET", "POST"])
def language_preference(request: HttpRequest) -> HttpResponse:
    """The user's own language, or the operator's default ("" in the form)."""
    membership = request.membership  # type: ignore[attr-defined]
    operator = membership.operator if membership else None
    if operator is not None and operator.default_language:
        default_label = _("The default of %(operator)s (%(language)s)") % {
            "operator": operator.name,
            "language": _language_name(operator.default_language),
        }
    else:
        default_label = _("The language your browser asks for")
    form = UserLanguageForm(
        request.POST or None,
        initial={"language": request.user.language},  # type: ignore[union-attr]
        default_label=default_label,
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        if call_service(form, user_language_set, user=request.user, language=language):
            chosen = preferred_language(user=request.user, operator=operator)
            response = redirect("accounts:language")
            if chosen:
                _speak(request, response, chosen)
            messages.success(request, _("Your language was saved."))
            return response
    return render(request, "registration/language.html", {"form": form})


@requires("members.manage")
@require_http_methods(["GET", "POST"])
def operator_language(request: HttpRequest) -> HttpResponse:
    """The language of the operator's members who have not chosen one, and of their e-mails."""
    operator = request.membership.operator  # type: ignore[attr-defined]
    form = OperatorLanguageForm(
        request.POST or None, initial={"default_language": operator.default_language}
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["default_language"]
        if call_service(
            form, operator_language_set, operator=operator, language=language, by=request.user
        ):
            messages.success(request, _("The default language was saved."))
            return redirect("core:operator_language")
    return render(request, "core/operator_language.html", {"form": form, "operator": operator})
