"""Which language a person reads: their own choice, else the operator's default, else the
browser's; the switcher and the language page save the choice; every page speaks all three."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core.models import AuditEntry, Role, User
from core.services import membership_invite, operator_language_set
from tests.conftest import World
from tests.urlmatrix import MATRIX

HOME = reverse("workday:home")
# The skip link of every page, as each catalogue writes it.
SKIP_LINK = {"nb": "Hopp til hovedinnhold", "nn": "Hopp til hovudinnhald", "en": "Skip to main"}


def language_of(client, url: str = HOME) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, url
    return re.search(r'<html lang="([\w-]+)">', response.content.decode())[1]


def set_default(world: World, language: str) -> None:
    operator_language_set(operator=world.operator, language=language, by=world.users["lead"])


def set_own(world: World, role: str, language: str) -> None:
    User.objects.filter(pk=world.users[role].pk).update(language=language)


def test_user_choice_beats_operator_default_which_beats_the_browser(world: World) -> None:
    def seen() -> str:
        return language_of(world.client_for("coordinator", HTTP_ACCEPT_LANGUAGE="en"))

    assert seen() == "en"
    set_default(world, "nn")
    assert seen() == "nn"
    set_own(world, "coordinator", "en")
    assert seen() == "en"
    set_own(world, "coordinator", "nb")
    assert seen() == "nb"
    # The other operator's members and people not signed in keep their browser's language.
    assert language_of(world.client_for("other_lead", HTTP_ACCEPT_LANGUAGE="en")) == "en"
    anon = world.client_for("anon", HTTP_ACCEPT_LANGUAGE="en")
    assert language_of(anon, reverse("accounts:login")) == "en"


def test_switcher_saves_the_choice_for_every_device(world: World) -> None:
    client = world.client_for("mentor")
    response = client.post(reverse("core:set_language"), {"language": "nn", "next": HOME})
    assert response.status_code == 302
    world.users["mentor"].refresh_from_db()
    assert world.users["mentor"].language == "nn"
    assert language_of(world.client_for("mentor")) == "nn"  # a fresh browser, no cookie
    assert AuditEntry.objects.filter(action="core.user.language_changed").count() == 1
    # Someone not signed in gets the cookie only; a language we do not have changes nothing.
    anon = world.client_for("anon")
    anon.post(reverse("core:set_language"), {"language": "nn", "next": HOME})
    assert language_of(anon, reverse("accounts:login")) == "nn"
    client.post(reverse("core:set_language"), {"language": "sv", "next": HOME})
    world.users["mentor"].refresh_from_db()
    assert world.users["mentor"].language == "nn"


def test_language_page_saves_and_returns_to_the_default(world: World) -> None:
    set_default(world, "nn")
    client = world.client_for("partner", HTTP_ACCEPT_LANGUAGE="en")
    url = reverse("accounts:language")
    page = client.get(url).content.decode()
    assert "Standardspråket til Testby kommune (Norsk nynorsk)" in page
    response = client.post(url, {"language": "en"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Your language was saved." in client.get(url).content.decode()
    assert language_of(client) == "en"
    client.post(url, {"language": ""})
    world.users["partner"].refresh_from_db()
    assert world.users["partner"].language == ""
    assert language_of(client) == "nn"


def test_bad_language_is_refused_in_the_users_language(world: World) -> None:
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="nn")
    response = client.post(reverse("accounts:language"), {"language": "xx"})
    assert response.status_code == 200
    assert "er ikkje eit av dei tilgjengelege valga" in response.content.decode()
    response = client.post(reverse("core:operator_language"), {"default_language": "xx"})
    assert response.status_code == 200
    world.users["lead"].refresh_from_db()
    world.operator.refresh_from_db()
    assert world.users["lead"].language == "" and world.operator.default_language == ""


def test_lead_sets_the_operator_default(world: World) -> None:
    url = reverse("core:operator_language")
    response = world.client_for("lead").post(url, {"default_language": "nn"})
    assert response.status_code == 302
    world.operator.refresh_from_db()
    assert world.operator.default_language == "nn"
    entry = AuditEntry.objects.get(action="core.operator.language_changed")
    assert entry.operator_id == world.operator.pk and entry.data == {"before": "", "after": "nn"}
    assert language_of(world.client_for("mentor")) == "nn"
    assert world.client_for("coordinator").post(url, {"default_language": "en"}).status_code == 403


def test_new_member_is_invited_in_the_operator_default(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    set_default(world, "nn")
    world.operator.refresh_from_db()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        membership_invite(
            operator=world.operator,
            email="ny@example.org",
            first_name="Ny",
            last_name="Medlem",
            role=Role.MENTOR,
            by=world.users["lead"],
        )
    (message,) = mail.outbox
    assert "Du har no ein konto i Springbrett for Testby kommune." in message.body
    assert '<html lang="nn">' in message.alternatives[0].content


# --- Every page in every language ---------------------------------------------------------


def pages_for(role: str) -> list[str]:
    return sorted(name for name, row in MATRIX.items() if row.html and row.statuses[role] == 200)


@pytest.mark.parametrize("role", ["anon", "lead", "coordinator", "mentor", "partner"])
@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_matrix_page_renders_in_the_language(world: World, language: str, role: str) -> None:
    """Bokmål is walked by the permission matrix itself; here the same pages in nn and en."""
    client = world.client_for(role)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if role != "anon":
        set_own(world, role, language)
    bokmal_words = re.compile(r"\b(ikke|hvis|fra|ble|hvordan)\b")
    for name in pages_for(role):
        url = reverse(name, kwargs=MATRIX[name].kwargs_for(world))
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, name
        assert "skip-link" not in html or SKIP_LINK[language] in html, name
        if language == "nn":
            text = re.sub(r"<[^>]+>", " ", html)
            assert not bokmal_words.search(text), (name, bokmal_words.search(text)[0])


def test_switcher_offers_the_three_languages(world: World) -> None:
    html = world.client_for("anon").get(reverse("accounts:login")).content.decode()
    switcher = html[html.index('id="language-select"') :]
    switcher = switcher[: switcher.index("</select>")]
    options = re.findall(r'<option value="(\w+)" lang="\w+"[^>]*>([^<]+)</option>', switcher)
    assert options == [("nb", "Norsk (bokmål)"), ("nn", "Norsk (nynorsk)"), ("en", "English")]
