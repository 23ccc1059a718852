"""The request as Springbrett's views see it, so the type checker knows what middleware adds."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import Membership, User


class SignedInRequest(HttpRequest):
    """A request to a view that needs a signed-in user but no particular capability.

    ``LoginRequiredMiddleware`` has let only a signed-in user through (views marked
    ``login_not_required`` take a plain ``HttpRequest``), ``ActiveOperatorMiddleware`` set the
    active membership (None when the user has none) and django-htmx's middleware ``htmx``.
    Never instantiated: views are annotated with it (django-htmx documents the same pattern).
    """

    user: User
    membership: Membership | None
    htmx: HtmxDetails


class MemberRequest(SignedInRequest):
    """A request to a view behind ``core.permissions.requires``, which refuses a request whose
    membership does not grant the view's capability: the membership is never None here."""

    membership: Membership
