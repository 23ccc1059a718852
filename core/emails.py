"""E-mail: three templates per message and one builder. Each message type is a short function."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Organisation, User
from .selectors import preferred_language


def make_message(name: str, to: list[str], context: dict[str, object]) -> EmailMultiAlternatives:
    """Render templates/emails/<name>-{subject.txt,body.txt,body.html} into one message."""
    subject = "".join(render_to_string(f"emails/{name}-subject.txt", context).splitlines()).strip()
    body = render_to_string(f"emails/{name}-body.txt", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(render_to_string(f"emails/{name}-body.html", context), "text/html")
    return message


def absolute_url(path: str) -> str:
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{settings.SITE_DOMAIN}{path}"


def send_invitation(*, user: User, operator: Organisation) -> None:
    """Tell a new member where to choose their password (a one-time reset link)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    # The new member's own language if already set, else the operator's default, else the
    # language of the lead who invited them.
    language = preferred_language(user=user, operator=operator) or translation.get_language()
    with translation.override(language):
        context = {
            "operator_name": operator.name,
            "link": absolute_url(path),
            "user": user,
            "LANGUAGE_CODE": translation.get_language(),
        }
        make_message("invitation", [user.email], context).send()
