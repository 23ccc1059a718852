"""The home worklist: per role, links that open, items that leave when done, a constant number
of queries, and the same "what is due" as the reminder e-mails."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from candidates.models import Consent
from core.models import ConfidentialityDeclaration, Role
from hostportal.models import Submission
from mentors.models import Milestone, MilestoneKind
from reminders import planning
from reports.services import document_approve
from tests.conftest import World
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.querybudget import assert_constant_queries
from workday.registry import Item, Section, register, registered, worklist

# A Thursday in the world's first placement year: the mentor's follow-up (30 March) is due within
# the week, the world's application has waited since the world was built (> 14 days).
TODAY = datetime.datetime(2027, 3, 25, 10, tzinfo=datetime.UTC)
HOME = "/"


@pytest.fixture
def at_today(world: World):  # type: ignore[no-untyped-def]
    """Travel after the world is built (its rows keep their real creation times)."""
    with time_machine.travel(TODAY, tick=False):
        yield


def sections_of(html: str) -> set[str]:
    return set(re.findall(r'data-section="([a-z_]+)"', html))


def links_in(html: str) -> list[str]:
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return list(re.findall(r'href="(/[^"]*)"', main))


@pytest.mark.usefixtures("at_today")
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("lead", {"applications_applied", "documents_to_approve", "without_consent"}),
        ("coordinator", {"applications_applied", "documents_to_approve", "without_consent"}),
        ("mentor", {"my_follow_ups", "my_candidates"}),
        ("partner", {"partner_programmes"}),
    ],
)
def test_home_lists_what_is_due_for_each_role_with_links_that_open(
    world: World, role: str, expected: set[str]
) -> None:
    client = world.client_for(role)
    response = client.get(HOME)
    html = response.content.decode()
    assert expected <= sections_of(html), sections_of(html)
    links = links_in(html)
    assert links
    for href in set(links):
        assert client.get(href).status_code == 200, href


def section_html(html: str, key: str) -> str:
    return html.split(f'data-section="{key}"', 1)[1].split("</section>", 1)[0]


@pytest.mark.usefixtures("at_today")
def test_the_leads_waiting_documents_and_requests_name_their_candidates(world: World) -> None:
    followed = world.objects["followed_placement"].candidate
    followed.preferred_name = "Mo"
    followed.save()
    html = world.client_for("lead").get(HOME).content.decode()
    documents = section_html(html, "documents_to_approve")
    requests = section_html(html, "subject_requests")
    assert f"<bdi>{followed.display_name}</bdi>" in documents and "Mo " in documents
    assert f"<bdi>{world.objects['candidate'].display_name}</bdi>" in requests


@pytest.mark.usefixtures("at_today")
def test_each_role_sees_only_its_own_kind_of_work(world: World) -> None:
    lead = sections_of(world.client_for("lead").get(HOME).content.decode())
    mentor = sections_of(world.client_for("mentor").get(HOME).content.decode())
    partner = sections_of(world.client_for("partner").get(HOME).content.decode())
    assert not lead & {"my_follow_ups", "my_candidates", "partner_programmes"}
    assert not mentor & {"applications_applied", "without_consent", "partner_programmes"}
    assert partner == {"partner_programmes"}


@pytest.mark.usefixtures("at_today")
def test_items_name_the_candidates_and_link_to_them(world: World) -> None:
    html = world.client_for("lead").get(HOME).content.decode()
    draft = world.objects["doc_draft"]
    assert reverse("documents:detail", kwargs={"pk": draft.pk}) in html
    assert "Tesfay Hayle" in html
    candidate = world.objects["candidate"]
    assert reverse("candidates:detail", kwargs={"pk": candidate.pk}) in html


@pytest.mark.usefixtures("at_today")
@pytest.mark.parametrize("role", ["lead", "supervisor"])
def test_an_attest_leaves_the_worklist_when_it_is_approved(world: World, role: str) -> None:
    """Leads approve any draft; a supervisor the drafts of the placements they supervise."""
    if role == "supervisor":
        membership = world.users["mentor"].memberships.get()
        membership.role = Role.SUPERVISOR
        membership.save(update_fields=["role"])
    client = world.client_for("lead" if role == "lead" else "mentor")
    draft = world.objects["doc_draft"]
    url = reverse("documents:detail", kwargs={"pk": draft.pk})
    assert url in client.get(HOME).content.decode()
    draft.tasks = "Arkiv og resepsjon."
    draft.save(update_fields=["tasks"])
    document_approve(document=draft, membership=world.users["lead"].memberships.get())
    html = client.get(HOME).content.decode()
    assert url not in html
    assert "documents_to_approve" not in sections_of(html)


@pytest.mark.usefixtures("at_today")
def test_a_mentor_is_not_asked_to_approve_what_they_may_not(world: World) -> None:
    html = world.client_for("mentor").get(HOME).content.decode()
    assert "documents_to_approve" not in sections_of(html)


@pytest.mark.usefixtures("at_today")
def test_a_done_follow_up_leaves_the_mentors_worklist(world: World) -> None:
    client = world.client_for("mentor")
    assert "my_follow_ups" in sections_of(client.get(HOME).content.decode())
    Milestone.objects.filter(kind=MilestoneKind.FOLLOW_UP).update(done_on=TODAY.date())
    assert "my_follow_ups" not in sections_of(client.get(HOME).content.decode())


@pytest.mark.usefixtures("at_today")
def test_nothing_due_shows_that_all_is_done(world: World) -> None:
    user = UserFactory(username="quiet@example.org")
    MembershipFactory(user=user, operator=world.other_operator, role=Role.LEAD)
    world.users["quiet"] = user
    html = world.client_for("quiet").get(HOME).content.decode()
    assert 'id="worklist-empty"' in html
    assert "nothing needs you right now" in html.casefold() or "ingenting venter" in html.casefold()


@pytest.mark.usefixtures("at_today")
def test_a_mentor_who_has_not_accepted_the_declaration_sees_no_names(world: World) -> None:
    ConfidentialityDeclaration.objects.filter(user=world.users["mentor"]).delete()
    html = world.client_for("mentor").get(HOME).content.decode()
    assert "Tesfay" not in html
    assert reverse("core:declaration") in html


@pytest.mark.usefixtures("at_today")
def test_the_worklist_and_the_reminders_read_the_same_facts(world: World) -> None:
    """A placement ending in ten days is on the coordinator's home and in their reminder plan."""
    placement = world.objects["followed_placement"]
    placement.planned_end = TODAY.date() + datetime.timedelta(days=10)
    placement.save(update_fields=["planned_end"])
    coordinator = world.users["coordinator"].memberships.get()
    home = next(s for s in worklist(coordinator) if s.key == "placements_ending")
    assert [i.url for i in home.items] == [
        reverse("placements:detail", kwargs={"pk": placement.pk})
    ]
    wanted = planning.wanted(today=TODAY.date())
    assert any(
        w.kind == "placement_ending"
        and w.placement_id == placement.pk
        and w.recipient_id == coordinator.user_id
        for w in wanted
    )


@pytest.mark.usefixtures("at_today")
def test_other_apps_can_register_a_section(world: World) -> None:
    before = {e.key: e for e in registered()}

    @register("test_pending", order=1)
    def pending(membership, today):  # type: ignore[no-untyped-def]
        if membership.role != Role.LEAD:
            return None
        return Section("test_pending", "Pending requests", 1, [Item("Request 7", "/x/")])

    try:
        html = world.client_for("lead").get(HOME).content.decode()
        assert "test_pending" in sections_of(html)
        assert "Pending requests" in html
    finally:
        from workday import registry

        registry._REGISTRY.clear()
        registry._REGISTRY.update(before)


# --- Query budgets ----------------------------------------------------------------------------


@pytest.mark.usefixtures("at_today")
def test_lead_home_query_count_does_not_grow(world: World) -> None:
    cohort = world.objects["cohort"]

    def add(n: int) -> None:
        for _ in range(n):
            candidate = CandidateFactory(operator=world.operator)  # no consent: listed
            ApplicationFactory(candidate=candidate, cohort=cohort)  # waiting since the world
            Submission.objects.create(  # a host unit's need waiting for the lead
                host_unit=world.objects["host_unit"],
                programme=world.objects["programme"],
                kind=Submission.Kind.NEED,
                title="Behov",
                starts_on=cohort.starts_on,
            )

    # user; then one query per section (its first
    # rows with a window count of all): requests for access and erasure, applied, screened,
    # submissions from host units, drafts, placements ending, NAV agreements, outcomes due,
    # evaluations overdue, without consent, exports ready
    assert_constant_queries(world.client_for("lead"), HOME, add, expected=12)


@pytest.mark.usefixtures("at_today")
def test_mentor_home_query_count_does_not_grow(world: World) -> None:
    placement = world.objects["followed_placement"]

    def add(n: int) -> None:
        Milestone.objects.bulk_create(
            Milestone(
                placement=placement,
                kind=MilestoneKind.FOLLOW_UP,
                label=f"Samtale {i}",
                due_on=TODAY.date() + datetime.timedelta(days=i % 7),
            )
            for i in range(n)
        )

    # user, declaration; follow-ups, evaluations,
    # my candidates (candidates, live placements, open milestones), events; a mentor approves
    # no drafts (no query)
    assert_constant_queries(world.client_for("mentor"), HOME, add, expected=8)


@pytest.mark.usefixtures("at_today")
def test_partner_home_query_count_does_not_grow(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            ProgrammeFactory(operator=world.operator).partners.add(world.partner_org)

    # user; programmes (rows with figures and total)
    assert_constant_queries(world.client_for("partner"), HOME, add, expected=2)


def test_consent_given_takes_a_candidate_off_the_list(world: World) -> None:
    lead = world.users["lead"].memberships.get()
    section = next(s for s in worklist(lead) if s.key == "without_consent")
    followed = world.objects["followed_candidate"]
    assert followed.display_name in [i.label for i in section.items] or section.count > 5
    before = section.count
    Consent.objects.create(
        candidate=followed, purpose="processing", given_on=datetime.date(2026, 1, 1)
    )
    after = next(s for s in worklist(lead) if s.key == "without_consent").count
    assert after == before - 1
