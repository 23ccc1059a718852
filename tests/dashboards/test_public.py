"""The public wall of fame and the token-authenticated figures API."""

import json
import re

from django.core import signing
from django.test import Client
from django.urls import reverse

from programs.models import HostUnit, OutcomeKind, Programme
from reports.dashboard_views import API_SALT, api_token_for
from tests.conftest import World
from tests.factories import CommitmentFactory, HostUnitFactory
from tests.outcomes.helpers import EXIT, outcome, placement

K = OutcomeKind


def wall_url(programme) -> str:  # type: ignore[no-untyped-def]
    return reverse("dashboards:wall_of_fame", kwargs={"pk": programme.pk})


def api_url(programme) -> str:  # type: ignore[no-untyped-def]
    return reverse("dashboards:api_programme", kwargs={"pk": programme.pk})


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


# --- Wall of fame -------------------------------------------------------------------------


def test_wall_of_fame_is_404_unless_the_lead_published_it(world: World) -> None:
    anon = Client()
    assert anon.get(wall_url(world.objects["network"])).status_code == 404  # not published
    assert anon.get(wall_url(world.objects["programme"])).status_code == 404  # not a network
    assert anon.get(wall_url(world.objects["dash_network"])).status_code == 200
    # Publishing only counts for networks: a trainee programme never gets a public page.
    Programme.objects.filter(pk=world.objects["programme"].pk).update(wall_of_fame_public=True)
    assert anon.get(wall_url(world.objects["programme"])).status_code == 404
    Programme.objects.filter(pk=world.objects["dash_network"].pk).update(wall_of_fame_public=False)
    assert anon.get(wall_url(world.objects["dash_network"])).status_code == 404


def test_wall_of_fame_lists_only_employers_with_hires_and_no_people(world: World) -> None:
    network = world.objects["dash_network"]
    rema = CommitmentFactory(
        programme=network, employer__name="REMA 1000 Bærum", named_publicly=True
    )
    CommitmentFactory(programme=network, employer__name="Ingen ansatt AS", named_publicly=True)
    # Hired, but did not agree to be named: counted nowhere on the public page.
    quiet = CommitmentFactory(programme=network, employer__name="Stille AS")
    elsewhere = HostUnitFactory(
        operator=world.operator, name="Utenfor AS", sector=HostUnit.Sector.PRIVATE
    )
    for employer in (rema.employer, rema.employer, elsewhere, quiet.employer):
        placed = placement(world, programme=network, given_name="Fatima", family_name="Noor")
        outcome(world, placed, EXIT, K.PERMANENT_IN_FIELD, employer=employer)
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get(wall_url(network)).content.decode()
    page = re.sub(r"\s+", " ", html)
    assert "REMA 1000 Bærum" in page and '<td class="text-end">2</td>' in page
    assert "Ingen ansatt AS" not in page and "Utenfor AS" not in page
    assert "Stille AS" not in page
    assert "Noor" not in page and "Fatima" not in page


# --- API ----------------------------------------------------------------------------------


def test_api_needs_a_valid_token(world: World) -> None:
    programme = world.objects["programme"]
    client = Client()
    assert client.get(api_url(programme)).status_code == 401
    assert client.get(api_url(programme), **bearer("nonsense")).status_code == 401
    forged = signing.dumps({"operator": world.operator.pk}, salt="another.salt")
    assert client.get(api_url(programme), **bearer(forged)).status_code == 401
    response = client.get(api_url(programme), HTTP_AUTHORIZATION="Basic abc")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    # A logged-in session is not a token.
    assert world.client_for("lead").get(api_url(programme)).status_code == 401


def test_api_returns_aggregates_without_names(world: World) -> None:
    programme = world.objects["programme"]
    token = api_token_for(world.operator.pk)
    response = Client().get(api_url(programme), **bearer(token))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) >= {
        "participants",
        "active",
        "completed",
        "ended_early",
        "unemployed",
        "outcomes",
        "goal",
    }
    assert data["participants"] >= 1
    assert data["outcomes"]["exit"]["permanent_in_field"] == 1
    assert data["goal"] == {"target": None, "reached": None, "deadline": None}
    body = json.dumps(data)
    for name in ("Haddad", "Amal", "Tesfaye", "Yonas"):
        assert name not in body


def test_api_goal_and_other_operators_programmes(world: World) -> None:
    network = world.objects["dash_network"]
    data = Client().get(api_url(network), **bearer(api_token_for(world.operator.pk))).json()
    assert data["goal"] == {"target": 1000, "reached": 0, "deadline": "2028-12-31"}
    other_token = api_token_for(world.other_operator.pk)
    assert Client().get(api_url(network), **bearer(other_token)).status_code == 404


def test_token_page_gives_a_working_token(world: World) -> None:
    html = world.client_for("lead").get(reverse("dashboards:api_token")).content.decode()
    token = re.search(r'<textarea id="api-token"[^>]*>([^<]+)</textarea>', html).group(1).strip()
    assert signing.loads(token, salt=API_SALT) == {"operator": world.operator.pk}
    programme = world.objects["programme"]
    assert Client().get(api_url(programme), **bearer(token)).status_code == 200
