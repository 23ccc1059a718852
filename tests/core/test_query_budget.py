import pytest
from django.core.cache import cache
from django.urls import reverse

from core.models import Role
from tests.conftest import World
from tests.factories import MembershipFactory, OperatorFactory
from tests.querybudget import assert_constant_queries


def test_member_list_query_count_does_not_grow(world: World) -> None:
    def add_members(n: int) -> None:
        MembershipFactory.create_batch(n, operator=world.operator, role=Role.MENTOR)

    # user, count, page of members (+ users)
    assert_constant_queries(
        world.client_for("lead"), reverse("core:member_list"), add_members, expected=3
    )


def test_home_query_count_does_not_grow_with_memberships(world: World) -> None:
    def add_operators(n: int) -> None:
        for _ in range(n):
            MembershipFactory(
                user=world.users["coordinator"], operator=OperatorFactory(), role=Role.COORDINATOR
            )
        cache.clear()  # count the sections themselves, not the cached worklist

    # user, and the worklist's sections
    # (tests/workday/test_home.py names them)
    assert_constant_queries(
        world.client_for("coordinator"), reverse("workday:home"), add_operators, expected=13
    )


@pytest.mark.urls("tests.core.nplusone_urls")
def test_the_budget_helper_catches_a_query_per_row(world: World) -> None:
    """The helper must fail on an N+1 page, or it proves nothing."""

    def add_members(n: int) -> None:
        MembershipFactory.create_batch(n, operator=world.operator, role=Role.MENTOR)

    with pytest.raises(AssertionError, match="queries with 3 rows"):
        assert_constant_queries(world.client_for("lead"), "/careless/", add_members, expected=0)
