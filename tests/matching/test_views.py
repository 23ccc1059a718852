"""Shortlists through the test client: propose, dismiss, weights, suggestions, mentors, scope."""

import pytest
from django.urls import reverse

from candidates.models import Application, StageChange
from core.models import AuditEntry, Role
from matching.models import MatchDecision
from mentors.models import MentorProfile, Mentorship
from tests.conftest import World
from tests.factories import CandidateFactory, MembershipFactory, PositionFactory, UserFactory
from tests.querybudget import assert_constant_queries

pytestmark = pytest.mark.django_db


def shortlist_url(world: World) -> str:
    return reverse(
        "matching:shortlist", kwargs={"kind": "position", "pk": world.objects["position"].pk}
    )


def test_shortlist_ranks_with_reasons_and_leaves_out_the_dismissed(world: World) -> None:
    position = world.objects["position"]  # STYRK 2511
    good = CandidateFactory(operator=world.operator, profession_id="2511", norwegian_level="B2")
    CandidateFactory(operator=world.operator, profession_id="5120", norwegian_level="A2")
    response = world.client_for("coordinator").get(shortlist_url(world))
    rows = response.context["rows"]
    assert rows[0][1] == good
    assert "Samme STYRK-08-yrke: +35" in response.content.decode()  # bokmål first
    shown = {person.pk for _, person in rows}
    assert world.objects["dismissed_candidate"].pk not in shown
    # The world's candidate applied to the cohort, not to this position, so is still suggested.
    assert world.objects["candidate"].pk in shown
    assert "Har takket nei" in response.content.decode()
    assert position.title in response.content.decode()


def test_propose_creates_the_application_as_screened_with_who_decided(world: World) -> None:
    coordinator = world.users["coordinator"]
    candidate = CandidateFactory(operator=world.operator, profession_id="2511")
    url = reverse(
        "matching:propose",
        kwargs={"kind": "position", "pk": world.objects["position"].pk, "candidate": candidate.pk},
    )
    response = world.client_for("coordinator").post(url)
    assert response.status_code == 302
    application = Application.objects.get(candidate=candidate, position=world.objects["position"])
    assert application.stage == Application.Stage.SCREENED
    history = list(
        StageChange.objects.filter(application=application).values_list("to_stage", "by")
    )
    assert history == [("applied", coordinator.pk), ("screened", coordinator.pk)]
    decision = MatchDecision.objects.get(candidate=candidate)
    assert decision.kind == "proposed" and decision.decided_by == coordinator
    assert decision.application == application and decision.reasons
    assert AuditEntry.objects.filter(action="matching.proposed", actor=coordinator).exists()
    shown = {
        p.pk for _, p in world.client_for("coordinator").get(shortlist_url(world)).context["rows"]
    }
    assert candidate.pk not in shown


def test_dismiss_needs_a_reason_then_hides_and_keeps_it(world: World) -> None:
    candidate = CandidateFactory(operator=world.operator)
    url = reverse(
        "matching:dismiss",
        kwargs={"kind": "position", "pk": world.objects["position"].pk, "candidate": candidate.pk},
    )
    client = world.client_for("coordinator")
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and not MatchDecision.objects.filter(candidate=candidate)
    response = client.post(url, {"reason": "Ønsker deltid"})
    assert response.status_code == 302
    decision = MatchDecision.objects.get(candidate=candidate)
    assert decision.kind == "dismissed" and decision.reason == "Ønsker deltid"
    assert decision.decided_by == world.users["coordinator"]
    shown = {p.pk for _, p in client.get(shortlist_url(world)).context["rows"]}
    assert candidate.pk not in shown
    client.post(reverse("matching:undo_dismissal", kwargs={"pk": decision.pk}))
    shown = {p.pk for _, p in client.get(shortlist_url(world)).context["rows"]}
    assert candidate.pk in shown


def test_hard_requirements_exclude_from_the_shortlist(world: World) -> None:
    position = PositionFactory(
        programme=world.objects["programme"],
        host_unit=world.objects["host_unit"],
        driving_licence_required=True,
        norwegian_minimum="B2",
    )
    driver = CandidateFactory(operator=world.operator, driving_licence=True, norwegian_level="C1")
    CandidateFactory(operator=world.operator, driving_licence=False, norwegian_level="C1")
    CandidateFactory(operator=world.operator, driving_licence=True, norwegian_level="B1")
    url = reverse("matching:shortlist", kwargs={"kind": "position", "pk": position.pk})
    rows = world.client_for("lead").get(url).context["rows"]
    assert [p.pk for _, p in rows] == [driver.pk]


def test_other_operators_candidates_and_positions_are_404(world: World) -> None:
    stranger = CandidateFactory(operator=world.other_operator)
    url = reverse(
        "matching:propose",
        kwargs={"kind": "position", "pk": world.objects["position"].pk, "candidate": stranger.pk},
    )
    assert world.client_for("coordinator").post(url).status_code == 404
    assert world.client_for("other_lead").get(shortlist_url(world)).status_code == 404
    bad_kind = reverse("matching:shortlist", kwargs={"kind": "cohort", "pk": 1})
    assert world.client_for("lead").get(bad_kind).status_code == 404
    assert not Application.objects.filter(candidate=stranger).exists()


def test_opening_shortlist_and_proposal_record_the_decision(world: World) -> None:
    opening = world.objects["opening"]
    candidate = CandidateFactory(operator=world.operator, profession_id="2512")
    url = reverse("matching:shortlist", kwargs={"kind": "opening", "pk": opening.pk})
    rows = world.client_for("coordinator").get(url).context["rows"]
    assert rows[0][1] == candidate
    world.client_for("coordinator").post(
        reverse(
            "matching:propose",
            kwargs={"kind": "opening", "pk": opening.pk, "candidate": candidate.pk},
        )
    )
    decision = MatchDecision.objects.get(candidate=candidate, opening=opening)
    application = decision.application
    assert decision.kind == "proposed" and application is not None
    assert application.opening == opening and application.position is None
    assert application.stage == Application.Stage.SCREENED
    # The history says who decided; the score is only advice.
    change = application.history.get(to_stage=Application.Stage.SCREENED)
    assert change.by == world.users["coordinator"]
    opening_page = world.client_for("coordinator").get(
        reverse("programs:opening_detail", kwargs={"pk": opening.pk})
    )
    assert candidate.display_name in opening_page.content.decode()
    candidate_page = world.client_for("coordinator").get(
        reverse("candidates:detail", kwargs={"pk": candidate.pk})
    )
    assert opening.title in candidate_page.content.decode()


def test_lead_sets_weights_and_bad_input_is_refused(world: World) -> None:
    url = reverse("matching:weights", kwargs={"pk": world.objects["programme"].pk})
    client = world.client_for("lead")
    fields = {"base": 35, "occupation": 35, "norwegian": 15, "education": 10, "distance": 10,
              "wishes": 5, "languages": 5, "availability": 10}  # fmt: skip
    response = client.post(url, {**fields, "norwegian": 101})
    assert (
        response.status_code == 200
        and not world.objects["programme"]
        .__class__.objects.filter(match_weights__isnull=False)
        .exists()
    )
    assert client.post(url, {**fields, "norwegian": 40}).status_code == 302
    assert world.objects["programme"].match_weights.norwegian == 40


def test_candidate_suggestions_rank_open_positions(world: World) -> None:
    candidate = CandidateFactory(
        operator=world.operator, profession_id="2512", norwegian_level="B2"
    )
    url = reverse("matching:suggestions", kwargs={"pk": candidate.pk})
    response = world.client_for("coordinator").get(url)
    items = list(response.context["page"])
    assert items[0].target == world.objects["opening"]  # 2512 exactly; the position is 2511
    assert {i.target for i in items} >= {world.objects["position"], world.objects["opening"]}
    assert AuditEntry.objects.filter(
        action="candidates.candidate.viewed", object_id=str(candidate.pk)
    ).exists()


def test_mentor_suggestions_and_assignment(world: World) -> None:
    candidate = CandidateFactory(operator=world.operator, other_languages=["ar"])
    mentor = world.users["mentor"]
    response = world.client_for("coordinator").get(
        reverse("matching:mentors", kwargs={"pk": candidate.pk})
    )
    rows = response.context["rows"]
    assert rows[0][1] == mentor and "Snakker ar: +25" in response.content.decode()
    url = reverse("matching:mentor_propose", kwargs={"pk": candidate.pk, "mentor": mentor.pk})
    response = world.client_for("coordinator").post(url, {"starts_on": "2026-12-01"})
    assert response.status_code == 302
    assert Mentorship.objects.filter(mentor=mentor, candidate=candidate).exists()
    assert (
        MatchDecision.objects.get(candidate=candidate, mentor=mentor).decided_by
        == world.users["coordinator"]
    )


def test_a_full_mentor_is_not_suggested(world: World) -> None:
    MentorProfile.objects.filter(mentor=world.users["mentor"]).update(max_mentees=1)
    # The world's mentor already mentors the followed candidate.
    candidate = CandidateFactory(operator=world.operator)
    response = world.client_for("lead").get(
        reverse("matching:mentors", kwargs={"pk": candidate.pk})
    )
    assert response.context["rows"] == []


# --- Query budgets at two sizes --------------------------------------------------------------


def test_shortlist_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            CandidateFactory(operator=world.operator, profession_id="2511")
            MatchDecision.objects.create(
                candidate=CandidateFactory(operator=world.operator),
                position=world.objects["position"],
                kind="dismissed",
                reason="x",
                score=1,
                decided_by=world.users["lead"],
            )

    # user, position (+ programme, host unit, occupation), points, weights,
    # candidate rows (prefiltered), names for the page, dismissed with who dismissed
    assert_constant_queries(world.client_for("coordinator"), shortlist_url(world), add, expected=7)


def test_suggestions_query_budget(world: World) -> None:
    candidate = world.objects["candidate"]

    def add(n: int) -> None:
        for _ in range(n):
            PositionFactory(
                programme=world.objects["programme"], host_unit=world.objects["host_unit"]
            )

    # user, candidate, access-log insert, points, profile row, open
    # positions, open openings, weights of their programmes
    url = reverse("matching:suggestions", kwargs={"pk": candidate.pk})
    assert_constant_queries(world.client_for("coordinator"), url, add, expected=8)


def test_mentors_query_budget(world: World) -> None:
    candidate = world.objects["candidate"]

    def add(n: int) -> None:
        for _ in range(n):
            user = UserFactory()
            MembershipFactory(user=user, operator=world.operator, role=Role.MENTOR)
            MentorProfile.objects.create(operator=world.operator, mentor=user, languages=["so"])

    # user, candidate, access-log insert, placement sector, mentor
    # profiles with their load, the page's mentors' names
    url = reverse("matching:mentors", kwargs={"pk": candidate.pk})
    assert_constant_queries(world.client_for("coordinator"), url, add, expected=6)


def test_dismiss_and_weights_pages_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            CandidateFactory(operator=world.operator)

    url = reverse(
        "matching:dismiss",
        kwargs={
            "kind": "position",
            "pk": world.objects["position"].pk,
            "candidate": world.objects["candidate"].pk,
        },
    )
    # user, position, candidate
    assert_constant_queries(world.client_for("coordinator"), url, add, expected=3)
    url = reverse("matching:weights", kwargs={"pk": world.objects["programme"].pk})
    # user, programme (+ figures), weights
    assert_constant_queries(world.client_for("lead"), url, add, expected=3, sizes=(33, 60))
