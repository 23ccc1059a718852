"""Query counts of the host's home and the lead's review list do not grow with submissions."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hostportal.models import Submission
from tests.conftest import World
from tests.hostportal.helpers import host_client
from tests.querybudget import assert_constant_queries

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def at_today():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


def add_needs(world: World):  # type: ignore[no-untyped-def]
    def add(n: int) -> None:
        Submission.objects.bulk_create(
            Submission(
                host_unit=world.objects["host_unit"],
                programme=world.objects["programme"],
                cohort=world.objects["cohort"],
                kind=Submission.Kind.NEED,
                title=f"Behov {i}",
                occupation_id="2511",
                starts_on=datetime.date(2027, 3, 2),
            )
            for i in range(n)
        )

    return add


def test_host_home_query_count_does_not_grow(world: World) -> None:
    client = host_client(world.objects["host_unit"])
    # session, host unit (+ operator), access-log entry, submissions count, programmes, open
    # cohorts exist, networks exist, page of submissions (+ programme, cohort)
    assert_constant_queries(client, reverse("hostportal:home"), add_needs(world), expected=7)


def test_review_list_query_count_does_not_grow(world: World) -> None:
    # user, count, page of submissions (+ unit,
    # programme, cohort)
    assert_constant_queries(
        world.client_for("lead"), reverse("hostreview:list"), add_needs(world), expected=3
    )


def test_review_page_query_count_does_not_grow(world: World) -> None:
    url = reverse("hostreview:review", kwargs={"pk": world.objects["host_submission"].pk})
    # user, the submission (+ unit, programme,
    # cohort, occupation), the cohort choices, the municipality choices
    assert_constant_queries(world.client_for("lead"), url, add_needs(world), expected=4)


def test_host_submission_page_query_count_does_not_grow(world: World) -> None:
    client = host_client(world.objects["host_unit"])
    url = reverse("hostportal:submission", kwargs={"pk": world.objects["host_submission"].pk})
    # session, host unit (+ operator), the submission (+ programme, cohort), access-log entry
    assert_constant_queries(client, url, add_needs(world), expected=3)
