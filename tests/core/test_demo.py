from django.apps import apps
from django.core.management import call_command

from core.models import Membership, Organisation


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label
        in {"core", "programs", "candidates", "placements", "mentors", "reports"}
    }


def test_seed_demo_is_idempotent_and_has_the_four_operators(db, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo")
    first = row_counts()
    call_command("seed_demo")
    assert row_counts() == first
    operators = set(Organisation.objects.filter(is_operator=True).values_list("name", flat=True))
    assert operators == {
        "Bærum kommune",
        "KIA Skien",
        "Voksenopplæringssenteret i Bærum",
        "Globale Bærum",
    }
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"lead", "coordinator", "supervisor", "mentor", "partner"}
    out = capsys.readouterr().out
    assert "leder@baerum.demo" in out and "springbrett-demo" in out


def test_every_demo_login_works(db, client, settings) -> None:  # type: ignore[no-untyped-def]
    from core.demo import DEMO_PASSWORD, USERS

    settings.MFA_REQUIRED_ROLES = ()  # as config/settings/local.py: the demo needs no phone app

    call_command("seed_demo", "--quiet")
    for username, *_ in USERS:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.get("/").status_code == 200
        client.logout()
