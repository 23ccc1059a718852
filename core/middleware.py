"""Request-wide tenancy and cache rules."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

from . import membership_cache
from .selectors import active_memberships, choose_membership, preferred_language

SESSION_OPERATOR_KEY = "active_operator_id"


class ActiveOperatorMiddleware:
    """Set ``request.membership``: the active operator's membership, or None, and
    ``request.memberships``: all of the user's, for the operator switcher (one query, or none
    while the cached list is current: core/membership_cache.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        memberships = []
        if request.user.is_authenticated:
            user = request.user
            memberships = membership_cache.memberships(
                user.pk, lambda: active_memberships(user=user)
            )
        request.memberships = memberships  # type: ignore[attr-defined]
        request.membership = choose_membership(  # type: ignore[attr-defined]
            memberships, request.session.get(SESSION_OPERATOR_KEY) if memberships else None
        )
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages hold personal data: nothing a view returns may be stored by a browser or a proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response


class PreferredLanguageMiddleware:
    """Speak the signed-in user's language, else their operator's default (after LocaleMiddleware,
    which has chosen from the language cookie or the browser; that choice stands when neither is
    set, and for everyone not signed in). Needs ``request.membership``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = getattr(request, "membership", None)
        language = preferred_language(
            user=request.user, operator=membership.operator if membership else None
        )
        if language and language != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(language)
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        return self.get_response(request)
