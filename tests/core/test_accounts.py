import re

from django.conf import settings
from django.urls import reverse

from core.models import User
from tests.conftest import World


def test_login_with_e_mail_and_password_lands_on_home(world: World, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MFA_REQUIRED_ROLES = ()  # the code step is tested in tests/accounts/test_mfa.py
    response = client.post(
        reverse("accounts:login"),
        {"username": "lead@example.org", "password": "secret-password-123"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("workday:home")
    assert "Testby kommune" in response.content.decode()


def test_wrong_password_shows_a_message_in_bokmal(world: World, client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("accounts:login"), {"username": "lead@example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert "Vennligst oppgi korrekt" in response.content.decode()


def test_logout_ends_the_session(world: World) -> None:
    client = world.client_for("lead")
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("workday:home")).status_code == 302


def test_password_reset_mail_arrives_over_smtp_and_the_link_works(
    world: World, client, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    client.post(reverse("accounts:password_reset"), {"email": "lead@example.org"})
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "lead@example.org"
    body = message.get_content()
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Velg nytt passord" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "et-nytt-passord-2026", "new_password2": "et-nytt-passord-2026"},
    )
    assert done.status_code == 302
    assert User.objects.get(username="lead@example.org").check_password("et-nytt-passord-2026")


def test_reset_for_unknown_address_reveals_nothing(world: World, client, smtp_server) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert smtp_server.messages == []


def test_language_switch_sets_english(world: World) -> None:
    client = world.client_for("lead")
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Welcome" in client.get(reverse("workday:home")).content.decode()
