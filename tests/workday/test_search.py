"""Global search: names in either script, scoped to the user, paginated, logged as a read."""

import factory
from django.urls import reverse

from core.models import AuditEntry, AuditSubject
from tests.conftest import World
from tests.factories import CandidateFactory, HostUnitFactory
from tests.querybudget import assert_constant_queries

SEARCH = reverse("workday:search")


def test_finds_a_candidate_by_name_in_either_script(world: World) -> None:
    candidate = CandidateFactory(
        operator=world.operator,
        given_name="Фатіма",
        family_name="Коваленко",
        given_name_latin="Fatima",
        family_name_latin="Kovalenko",
    )
    client = world.client_for("coordinator")
    url = reverse("candidates:detail", kwargs={"pk": candidate.pk})
    assert url in client.get(SEARCH, {"q": "Коваленко"}).content.decode()
    assert url in client.get(SEARCH, {"q": "kovalenko"}).content.decode()


def test_finds_placements_and_host_units(world: World) -> None:
    client = world.client_for("lead")
    placement = world.objects["placement"]
    html = client.get(SEARCH, {"q": "Haddad", "kind": "placements"}).content.decode()
    assert reverse("placements:detail", kwargs={"pk": placement.pk}) in html
    unit = world.objects["host_unit"]
    html = client.get(SEARCH, {"q": "Eiendom", "kind": "hostunits"}).content.decode()
    assert reverse("programs:hostunit_detail", kwargs={"pk": unit.pk}) in html


def test_results_stay_inside_the_users_scope(world: World) -> None:
    stranger = CandidateFactory(
        operator=world.other_operator, given_name="Amal", family_name="Haddad"
    )
    html = world.client_for("lead").get(SEARCH, {"q": "Haddad"}).content.decode()
    assert reverse("candidates:detail", kwargs={"pk": stranger.pk}) not in html
    # The mentor finds the candidate they follow, not the world's other candidate.
    mentor = world.client_for("mentor").get(SEARCH, {"q": "Haddad"}).content.decode()
    assert f"/candidates/{world.objects['candidate'].pk}/" not in mentor
    followed = world.client_for("mentor").get(SEARCH, {"q": "Hayle"}).content.decode()
    assert f"/follow-up/candidates/{world.objects['followed_candidate'].pk}/" in followed


def test_a_partner_cannot_search_people(world: World) -> None:
    html = world.client_for("partner").get(SEARCH, {"q": "Haddad"}).content.decode()
    assert f"/candidates/{world.objects['candidate'].pk}/" not in html
    assert "search-results" not in html
    assert not AuditEntry.objects.filter(action="workday.search").exists()


def test_showing_candidates_is_logged_as_a_read_with_ids_only(world: World) -> None:
    world.client_for("lead").get(SEARCH, {"q": "Haddad"})
    entry = AuditEntry.objects.get(action="workday.search")
    assert entry.data["candidates"] == [world.objects["candidate"].pk]
    assert "Haddad" not in str(entry.data)
    assert AuditSubject.objects.filter(entry=entry).count() == 1


def test_one_letter_searches_nothing(world: World) -> None:
    response = world.client_for("lead").get(SEARCH, {"q": "H"})
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action="workday.search").exists()


def test_search_results_paginate(world: World) -> None:
    CandidateFactory.create_batch(25, operator=world.operator, family_name="Nilsen")
    client = world.client_for("lead")
    first = client.get(SEARCH, {"q": "Nilsen"}).content.decode()
    assert first.count("/candidates/") - first.count("/candidates/import") >= 20
    second = client.get(SEARCH, {"q": "Nilsen", "page": 2}).content.decode()
    assert "Nilsen" in second


def test_candidate_search_query_count_does_not_grow(world: World) -> None:
    def add(n: int) -> None:
        CandidateFactory.create_batch(n, operator=world.operator, family_name="Berg")

    # user, the page of candidates; the read log:
    # savepoint, entry, subjects, release
    assert_constant_queries(
        world.client_for("lead"), f"{SEARCH}?q=Berg", add, expected=6, sizes=(3, 20)
    )


def test_host_unit_search_query_count_does_not_grow(world: World) -> None:
    def add(n: int) -> None:
        HostUnitFactory.create_batch(
            n, operator=world.operator, name=factory.Sequence(lambda i: f"Berg skole {i}")
        )

    # user, the page of host units (figures inlined)
    assert_constant_queries(
        world.client_for("lead"), f"{SEARCH}?q=Berg&kind=hostunits", add, expected=2
    )
