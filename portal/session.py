"""The portal session: the candidate's id under a portal key, apart from staff sign-in.

A candidate is never a Django user: staff URLs see an anonymous visitor and send them to the staff
login, so the portal session reaches only portal views (``candidate_required``). The session idles
out after ``IDLE_TIMEOUT`` and ends after ``MAX_AGE`` at the latest.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from candidates.models import Candidate
from core.magiclink import LinkSession

from .selectors import signed_in_candidate

IDLE_TIMEOUT = 30 * 60  # seconds
MAX_AGE = 2 * 60 * 60  # seconds
SESSION = LinkSession("portal", idle=IDLE_TIMEOUT, max_age=MAX_AGE, id_name="candidate")
CANDIDATE_KEY, STARTED_KEY, LAST_KEY = SESSION.keys


def portal_sign_in(request: HttpRequest, candidate: Candidate) -> None:
    """Start a fresh session for the candidate (a staff sign-in in the same browser ends)."""
    SESSION.start(request, candidate.pk)


def portal_sign_out(request: HttpRequest) -> None:
    SESSION.end(request)


def portal_candidate(request: HttpRequest) -> Candidate | None:
    """The signed-in candidate, or None when there is none or the session has run out."""
    pk = SESSION.current(request)
    if pk is None:
        return None
    candidate = signed_in_candidate(pk)
    if candidate is None:  # erased since sign-in
        portal_sign_out(request)
        return None
    return candidate


def candidate_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A portal page: the signed-in candidate is ``request.candidate``; others go to sign-in."""

    @login_not_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        candidate = portal_candidate(request)
        if candidate is None:
            return redirect("portal:signin")
        request.candidate = candidate  # type: ignore[attr-defined]
        if candidate.language:  # their own choice wins over the browser's for portal pages
            translation.activate(candidate.language)
            request.LANGUAGE_CODE = candidate.language  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


@receiver(user_logged_in, dispatch_uid="portal.session.staff_login")
def drop_portal_session(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """A staff sign-in in the same browser ends any candidate session there."""
    if request is not None and hasattr(request, "session"):
        SESSION.end(request, keep=True)
