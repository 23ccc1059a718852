"""The calendar feed page on the user's own account area, and the feed itself (no login: the
secret URL is the key). The feed's answers are never logged by Django: the path holds the secret."""

import hashlib
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.models import User
from core.services import audit_access

from . import services, throttle
from .ical import render_feed
from .selectors import feed_by_token, feed_of, may_see_initials

# The new secret, kept in the session until the next page load shows it once.
SESSION_TOKEN_KEY = "calendars:new_token"  # noqa: S105 (a session key, not a secret)
ACCESS_LOG_ACTION = "calendars.feed.read"


def _quiet(response: HttpResponse) -> HttpResponse:
    """Keep django.request from logging the path, which holds the secret token."""
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("calendars:feed", kwargs={"token": token}))


@require_http_methods(["GET", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    """Make, show, rotate or revoke the active membership's feed address."""
    membership = request.membership  # type: ignore[attr-defined]
    feed = feed_of(membership)
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied
        action = request.POST.get("action", "")
        language = get_language() or ""
        user = cast(User, request.user)  # logged in: LoginRequiredMiddleware
        try:
            if action == "create" and feed is None:
                token = services.feed_create(membership=membership, language=language, by=user)
                messages.success(request, _("Your calendar feed is ready. Copy the address now."))
            elif action == "rotate" and feed is not None:
                token = services.feed_rotate(feed=feed, language=language, by=user)
                messages.success(
                    request,
                    _("A new address is ready. The old one has stopped working; copy this one."),
                )
            elif action == "revoke" and feed is not None:
                services.feed_revoke(feed=feed, by=user)
                messages.success(request, _("Your calendar feed is turned off."))
                return redirect("calendars:feed_settings")
            else:
                messages.error(request, _("That did not work. Try again."))
                return redirect("calendars:feed_settings")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("calendars:feed_settings")
        request.session[SESSION_TOKEN_KEY] = token
        return redirect("calendars:feed_settings")
    shown = request.session.pop(SESSION_TOKEN_KEY, None) if feed is not None else None
    url = feed_url(request, shown) if shown else ""
    context = {
        "feed": feed,
        "url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1] if url else "",
        "named": may_see_initials(membership) if membership is not None else False,
    }
    return render(request, "calendars/feed.html", context)


def _log_read(feed, candidate_ids: set[int]) -> None:  # type: ignore[no-untyped-def]
    """Log the feed's reads of candidates: once a day per feed and set of candidates, as a client
    polling every few minutes would otherwise fill the access log with copies."""
    if not candidate_ids:
        return
    ids = ",".join(str(pk) for pk in sorted(candidate_ids))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:16]
    key = f"calendars:logged:{feed.pk}:{timezone.localdate().isoformat()}:{digest}"
    if not cache.add(key, 1, timeout=24 * 60 * 60):
        return
    audit_access(
        actor=feed.membership.user,
        operator=feed.membership.operator_id,
        action=ACCESS_LOG_ACTION,
        candidate_ids=candidate_ids,
        data={"feed": feed.pk},
    )


@login_not_required
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed. Unknown, rotated or revoked tokens answer 404; too many tries 429."""
    if request.method not in ("GET", "HEAD"):
        return _quiet(HttpResponseNotAllowed(["GET", "HEAD"]))
    if throttle.misses_exhausted(request):
        return _quiet(_too_many())
    found = feed_by_token(token)
    if found is None:
        throttle.record_miss(request)
        return _quiet(HttpResponse(_("Not found."), status=404, content_type="text/plain"))
    if not throttle.hit_allowed(found.pk):
        return _quiet(_too_many())
    result = render_feed(found, base_url=request.build_absolute_uri("/").rstrip("/"))
    _log_read(found, result.candidate_ids)
    response = HttpResponse(result.body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="springbrett.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


def _too_many() -> HttpResponse:
    response = HttpResponse(
        _("Too many requests. Try again later."), status=429, content_type="text/plain"
    )
    response["Retry-After"] = str(throttle.WINDOW)
    return response
