"""Worklist sections that read a whole operator are kept until what they read changes
(workday.freshness): a second visit counts nothing again, a change recounts the sections that
read it, and the change is on the list at once."""

import datetime

import pytest
import time_machine

from candidates.models import Consent
from candidates.services import application_move
from mentors.models import Milestone, MilestoneKind
from tests.conftest import World
from tests.factories import CandidateFactory, OperatorFactory
from tests.querybudget import count_queries
from workday.registry import worklist

TODAY = datetime.datetime(2027, 3, 25, 10, tzinfo=datetime.UTC)
HOME = "/"
# user; requests for access and erasure, drafts to approve and exports ready (counted every time:
# cheap, and changed by bulk updates). The session and the memberships come from the cache once
# the first page has read the memberships.
UNCACHED = 4
# applied, screened, submissions from host units, placements ending, NAV agreements, outcomes
# due, evaluations overdue, without consent
CACHED = 8


@pytest.fixture
def at_today(world: World):  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.usefixtures("at_today")
def test_a_second_visit_counts_nothing_again(world: World) -> None:
    client = world.client_for("lead")
    first, _ = count_queries(client, HOME)
    second, sql = count_queries(client, HOME)
    assert first == UNCACHED + CACHED + 1  # and the memberships, read once
    assert second == UNCACHED, "\n".join(sql)


@pytest.mark.usefixtures("at_today")
def test_a_change_recounts_only_the_sections_that_read_it(world: World) -> None:
    client = world.client_for("lead")
    count_queries(client, HOME)
    placement = world.objects["followed_placement"]
    Milestone.objects.create(
        placement=placement, kind=MilestoneKind.FOLLOW_UP, label="Samtale", due_on=TODAY.date()
    )
    # milestones are read by the overdue evaluations only
    assert count_queries(client, HOME)[0] == UNCACHED + 1


@pytest.mark.usefixtures("at_today")
def test_another_operators_change_leaves_the_list_alone(world: World) -> None:
    client = world.client_for("lead")
    count_queries(client, HOME)
    CandidateFactory(operator=OperatorFactory())
    assert count_queries(client, HOME)[0] == UNCACHED
    CandidateFactory(operator=world.operator)
    # every cached section but the host units' submissions reads candidates
    assert count_queries(client, HOME)[0] == UNCACHED + CACHED - 1


@pytest.mark.usefixtures("at_today")
def test_a_moved_application_leaves_the_kept_list_at_once(world: World) -> None:
    lead = world.users["lead"].memberships.get()

    def waiting() -> list[str]:
        section = next((s for s in worklist(lead) if s.key == "applications_applied"), None)
        return [item.url for item in section.items] if section else []

    application = world.objects["application"]
    assert waiting() and waiting() == waiting()  # counted, then kept
    application_move(application=application, to="screened", by=world.users["lead"])
    assert f"/candidates/{application.candidate_id}/" not in waiting()


@pytest.mark.usefixtures("at_today")
def test_a_consent_leaves_the_kept_list_at_once(world: World) -> None:
    lead = world.users["lead"].memberships.get()
    count = next(s for s in worklist(lead) if s.key == "without_consent").count
    assert next(s for s in worklist(lead) if s.key == "without_consent").count == count
    Consent.objects.create(
        candidate=world.objects["followed_candidate"],
        purpose="processing",
        given_on=datetime.date(2026, 1, 1),
    )
    after = next((s for s in worklist(lead) if s.key == "without_consent"), None)
    assert (after.count if after else 0) == count - 1
