"""The host session: the host unit's id under its own session key, apart from staff sign-in.

A contact signed in by link is never a Django user: staff URLs see an anonymous visitor, so the
session reaches only the host pages (``host_required``). A supervisor who opens a unit's pages
with their own login keeps that login; their host session names them and is checked against the
units they supervise on every request. Either way it idles out after ``IDLE_TIMEOUT`` and ends
after ``MAX_AGE`` at the latest.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from core.magiclink import LinkSession
from core.models import User
from programs.models import HostUnit

from .selectors import hosts_supervised_by, signed_in_host

IDLE_TIMEOUT = 30 * 60  # seconds
MAX_AGE = 2 * 60 * 60  # seconds
SESSION = LinkSession("hostportal", idle=IDLE_TIMEOUT, max_age=MAX_AGE, id_name="host")
STAFF_KEY = "_hostportal_user"


def host_sign_in(request: HttpRequest, unit: HostUnit) -> None:
    """Start a fresh session for the unit's contact (a staff sign-in in the browser ends)."""
    SESSION.start(request, unit.pk)


def host_enter(request: HttpRequest, unit: HostUnit, user: User) -> None:
    """A supervisor opens the unit's pages; their own login stays."""
    SESSION.start(request, unit.pk, keep=True)
    request.session[STAFF_KEY] = user.pk


def host_sign_out(request: HttpRequest) -> None:
    if request.session.get(STAFF_KEY) is not None:
        SESSION.end(request, keep=True)
        request.session.pop(STAFF_KEY, None)
    else:
        SESSION.end(request)


def current_host(request: HttpRequest) -> HostUnit | None:
    """The signed-in host unit, or None when there is none, it ran out or no longer applies."""
    pk = SESSION.current(request)
    if pk is None:
        request.session.pop(STAFF_KEY, None)
        return None
    staff = request.session.get(STAFF_KEY)
    if staff is not None:
        user = request.user
        if not user.is_authenticated or user.pk != staff:
            host_sign_out(request)
            return None
        unit = hosts_supervised_by(user).filter(pk=pk).first()  # type: ignore[arg-type]
    else:
        unit = signed_in_host(pk)
    if unit is None:  # made inactive, or no longer supervised by this user
        host_sign_out(request)
    return unit


def host_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A host page: the signed-in unit is ``request.host``; others go to the host sign-in."""

    @login_not_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        unit = current_host(request)
        if unit is None:
            return redirect("hostportal:signin")
        request.host = unit  # type: ignore[attr-defined]
        request.host_user = request.user if request.session.get(STAFF_KEY) else None  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


@receiver(user_logged_in, dispatch_uid="hostportal.session.staff_login")
def drop_host_session(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """A staff sign-in in the same browser ends any host session there."""
    if request is not None and hasattr(request, "session"):
        SESSION.end(request, keep=True)
        request.session.pop(STAFF_KEY, None)
