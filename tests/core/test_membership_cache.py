"""The signed-in user's memberships from the cache (core/membership_cache.py): read once, then
current after every change, whatever the order of the reader and the writer."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import membership_cache
from core.models import Membership, Role
from core.selectors import active_memberships
from core.services import membership_change
from tests.conftest import World

pytestmark = pytest.mark.django_db


def read(user) -> list[Membership]:  # type: ignore[no-untyped-def]
    return membership_cache.memberships(user.pk, lambda: active_memberships(user=user))


def membership_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return sum('FROM "core_membership"' in q["sql"] for q in context.captured_queries)


def test_a_page_reads_the_memberships_once_then_from_the_cache(world: World) -> None:
    client = world.client_for("lead")
    url = reverse("candidates:list")
    assert membership_queries(client, url) == 1
    assert membership_queries(client, url) == 0
    assert membership_queries(world.client_for("coordinator"), url) == 1  # per user


def test_a_lost_membership_closes_the_next_page(world: World) -> None:
    client = world.client_for("coordinator")
    url = reverse("candidates:list")
    assert client.get(url).status_code == 200
    membership = world.users["coordinator"].memberships.get()
    membership_change(
        membership=membership, role=membership.role, is_active=False, by=world.users["lead"]
    )
    assert client.get(url).status_code in (302, 403, 404)


def test_a_new_role_counts_from_the_next_page(world: World) -> None:
    client = world.client_for("coordinator")
    assert client.get(reverse("candidates:create")).status_code == 200
    membership = world.users["coordinator"].memberships.get()
    membership.role = Role.PARTNER
    membership.partner_organisation = world.partner_org
    membership.save()
    assert client.get(reverse("candidates:create")).status_code in (403, 404)


def test_a_renamed_operator_shows_on_the_next_page(world: World) -> None:
    client = world.client_for("lead")
    assert "Testby kommune" in client.get(reverse("candidates:list")).text
    world.operator.name = "Nyby kommune"
    world.operator.save()
    assert "Nyby kommune" in client.get(reverse("candidates:list")).text


def test_a_list_read_before_a_change_is_not_used_after_it(world: World) -> None:
    """The reader takes its stamps, then a writer changes the membership while the reader is
    still reading the old rows: what the reader stores must not be served afterwards."""
    user = world.users["coordinator"]
    old = active_memberships(user=user)

    def slow_read() -> list[Membership]:
        membership = Membership.objects.get(user=user)
        membership.is_active = False
        membership.save()  # the writer, between the reader's stamps and its store
        return old

    assert read_with(user, slow_read) == old
    assert read(user) == []


def read_with(user, load) -> list[Membership]:  # type: ignore[no-untyped-def]
    return membership_cache.memberships(user.pk, load)


def test_a_dropped_stamp_makes_everything_kept_stale(world: World) -> None:
    from django.core.cache import cache

    user = world.users["lead"]
    read(user)
    calls = []

    def counted() -> list[Membership]:
        calls.append(1)
        return active_memberships(user=user)

    read_with(user, counted)
    assert calls == []  # kept
    cache.delete(f"memberships:stamp:user:{user.pk}")
    read_with(user, counted)
    assert calls == [1]


def test_forget_follows_a_change_made_without_signals(world: World) -> None:
    user = world.users["lead"]
    assert len(read(user)) == 1
    Membership.objects.filter(user=user).update(is_active=False)
    assert len(read(user)) == 1  # a bulk update sends no signal
    membership_cache.forget(user.pk)
    assert read(user) == []


@override_settings(MEMBERSHIP_CACHE=False)
def test_without_the_cache_every_page_reads_them(world: World) -> None:
    client = world.client_for("lead")
    url = reverse("candidates:list")
    assert membership_queries(client, url) == 1
    assert membership_queries(client, url) == 1


def test_a_new_organisation_keeps_what_is_cached(world: World) -> None:
    from tests.factories import OperatorFactory

    client = world.client_for("lead")
    url = reverse("candidates:list")
    membership_queries(client, url)
    OperatorFactory(name="Nyby kommune")
    assert membership_queries(client, url) == 0
