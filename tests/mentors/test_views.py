import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.models import AuditEntry, Role
from core.services import declaration_accept
from mentors import selectors, services
from mentors.models import (
    Answer,
    Evaluation,
    EvaluationQuestion,
    FollowUpNote,
    Mentorship,
    Milestone,
    MilestoneTemplate,
)
from placements import services as placement_services
from tests.conftest import ROLES, World
from tests.factories import CandidateFactory, HostUnitFactory, MembershipFactory
from tests.querybudget import assert_constant_queries
from tests.urlmatrix import MATRIX

D = datetime.date
NOON = datetime.time(12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def english(settings):  # type: ignore[no-untyped-def]
    # Requests without a language choice get LANGUAGE_CODE: English pages, English asserts.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.combine(day, NOON), tick=False)


def url(name: str, **kwargs: object) -> str:
    return reverse(f"mentors:{name}", kwargs=kwargs or None)


def answer_data(evaluation_or_template, rating: str = "4") -> dict[str, str]:  # type: ignore[no-untyped-def]
    template = getattr(evaluation_or_template, "template", evaluation_or_template)
    values = {"rating": rating, "yes_no": "True", "text": "Godt samarbeid."}
    return {f"q{q.pk}": values[q.kind] for q in template.questions.all()}


# --- Confidential notes and scope -----------------------------------------------------------

SECRET_BY_COORDINATOR = "Fortrolig: helseopplysninger."
SECRET_BY_MENTOR = "Mentorens fortrolige notat om familien."


def add_other_mentor(world: World):  # type: ignore[no-untyped-def]
    """A second mentor of the followed candidate, who has accepted the declaration."""
    other = MembershipFactory(operator=world.operator, role=Role.MENTOR).user
    services.mentorship_create(
        mentor=other,
        candidate=world.objects["followed_candidate"],
        starts_on=D(2026, 3, 1),
        by=world.users["lead"],
    )
    world.users["other_mentor"] = other
    declaration_accept(membership=other.memberships.get())
    return other


def test_confidential_notes_appear_only_to_their_author_and_the_lead_on_every_page(
    world: World,
) -> None:
    services.note_create(
        candidate=world.objects["followed_candidate"],
        placement=world.objects["followed_placement"],
        author=world.users["mentor"],
        written_on=D(2026, 3, 12),
        kind="other",
        text=SECRET_BY_MENTOR,
        confidential=True,
    )
    add_other_mentor(world)
    shared = world.objects["note"].text
    expected = {
        "lead": {SECRET_BY_COORDINATOR, SECRET_BY_MENTOR},
        "coordinator": {SECRET_BY_COORDINATOR},
        "mentor": {SECRET_BY_MENTOR},
        "other_mentor": set(),
    }
    followed = world.objects["followed_candidate"].pk
    placement = world.objects["followed_placement"].pk
    for role, allowed in expected.items():
        client = world.client_for(role)
        seen: set[str] = set()
        # Every HTML page the role may open, and the two timelines with their notes.
        urls = [url("candidate_timeline", pk=followed), url("placement_timeline", pk=placement)]
        for name, entry in MATRIX.items():
            if entry.html and entry.statuses.get(role, 200) == 200:
                urls.append(reverse(name, kwargs=entry.kwargs_for(world)))
        for page_url in urls:
            response = client.get(page_url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            content = response.content.decode()
            seen |= {s for s in (SECRET_BY_COORDINATOR, SECRET_BY_MENTOR) if s in content}
        assert seen == allowed, role
        page = client.get(url("candidate_timeline", pk=followed)).content.decode()
        assert shared in page, role


def test_the_note_filter_keeps_the_confidentiality_rule(world: World) -> None:
    followed = world.objects["followed_candidate"].pk
    page = world.client_for("mentor").get(url("candidate_timeline", pk=followed) + "?kind=phone")
    assert SECRET_BY_COORDINATOR not in page.content.decode()
    page = world.client_for("lead").get(url("candidate_timeline", pk=followed) + "?kind=phone")
    assert SECRET_BY_COORDINATOR in page.content.decode()


def test_a_mentor_cannot_reach_a_candidate_who_is_not_theirs(world: World) -> None:
    """The world's own candidate and placement are not followed by the mentor: 404 everywhere."""
    mentor = world.client_for("mentor")
    candidate = world.objects["candidate"]
    placement = world.objects["placement"]
    milestone = world.objects["other_mid_milestone"]
    services.note_create(
        candidate=candidate,
        placement=placement,
        author=world.users["lead"],
        written_on=D(2026, 3, 1),
        kind="conversation",
        text="Notat om en annen kandidat.",
        confidential=False,
    )
    for page_url in [
        url("candidate_timeline", pk=candidate.pk),
        url("note_create", pk=candidate.pk),
        url("placement_timeline", pk=placement.pk),
        url("evaluation_fill", pk=milestone.pk),
        url("evaluation_compare", pk=milestone.pk),
    ]:
        assert mentor.get(page_url).status_code == 404, page_url
    for post_url in [
        url("note_create", pk=candidate.pk),
        url("milestone_done", pk=milestone.pk),
        url("evaluation_fill", pk=milestone.pk),
        url("evaluation_invite", pk=milestone.pk),
    ]:
        assert mentor.post(post_url, {"text": "x"}).status_code == 404, post_url
    assert not FollowUpNote.objects.filter(author=world.users["mentor"], candidate=candidate)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    # Nor in a list: "My candidates" and the candidate list show only the followed candidate.
    for list_url in [url("mine"), reverse("candidates:list"), reverse("placements:list")]:
        content = mentor.get(list_url).content.decode()
        assert candidate.family_name not in content, list_url
        assert world.objects["followed_candidate"].family_name in content, list_url
    for page_url in [
        url("candidate_timeline", pk=world.objects["followed_candidate"].pk),
        url("placement_timeline", pk=world.objects["followed_placement"].pk),
    ]:
        assert "Notat om en annen" not in mentor.get(page_url).content.decode()


def test_other_operators_objects_are_404_for_staff(world: World) -> None:
    other_lead = world.client_for("other_lead")
    assert (
        other_lead.get(
            url("mentorship_create") + f"?candidate={world.objects['followed_candidate'].pk}"
        ).status_code
        == 404
    )
    assert (
        other_lead.post(url("mentorship_end", pk=world.objects["mentorship"].pk)).status_code == 404
    )
    assert (
        other_lead.post(
            url("milestone_template_remove", pk=world.objects["milestone_template"].pk)
        ).status_code
        == 404
    )


def test_a_mentor_who_has_not_accepted_the_declaration_is_sent_to_it(world: World) -> None:
    fresh = MembershipFactory(operator=world.operator, role=Role.SUPERVISOR).user
    client = Client()
    client.force_login(fresh)
    response = client.get(url("mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:declaration"))


def test_reading_notes_is_logged_once_per_page(world: World) -> None:
    followed = world.objects["followed_candidate"]
    viewed = AuditEntry.objects.filter(action="candidates.candidate.viewed", object_id=followed.pk)
    world.client_for("mentor").get(url("candidate_timeline", pk=followed.pk))
    assert viewed.count() == 1
    assert viewed.get().data == {"what": "notes"} and viewed.get().actor == world.users["mentor"]
    world.client_for("coordinator").get(
        url("placement_timeline", pk=world.objects["followed_placement"].pk)
    )
    assert viewed.count() == 2
    world.client_for("lead").get(url("evaluation_compare", pk=world.objects["mid_milestone"].pk))
    assert viewed.filter(data__what="evaluation").count() == 1


# --- Pages and their actions ----------------------------------------------------------------


def test_filters_answer_htmx_with_the_results_only(world: World) -> None:
    client = world.client_for("lead")
    followed = world.objects["followed_candidate"]
    for page_url in [
        url("mine") + "?q=hayle",
        url("candidate_timeline", pk=followed.pk) + "?kind=conversation",
        url("placement_timeline", pk=world.objects["followed_placement"].pk) + "?kind=other",
    ]:
        response = client.get(page_url, headers={"HX-Request": "true"})
        content = response.content.decode()
        assert response.status_code == 200 and content.lstrip().startswith('<div id="results"')
        assert "<html" not in content
    timeline = client.get(url("candidate_timeline", pk=followed.pk) + "?kind=conversation")
    assert world.objects["note"].text in timeline.content.decode()
    assert SECRET_BY_COORDINATOR not in timeline.content.decode()  # a phone call, filtered out


def test_mine_lists_followed_candidates_with_the_next_milestone_and_its_state(
    world: World,
) -> None:
    badge = re.compile(r'<span class="status-badge[^"]*">\s*(\w+)\s*</span>')
    # Sessions last a working day: each frozen day gets its own login.
    with at(D(2027, 3, 15)):
        page = world.client_for("mentor").get(url("mine")).content.decode()
    assert "Hayle" in page and "Eiendom" in page and "Oppfølging" in page
    assert badge.findall(page) == ["Due"]
    with at(D(2027, 4, 15)):
        page = world.client_for("mentor").get(url("mine")).content.decode()
    assert badge.findall(page) == ["Overdue"]
    assert url("note_create", pk=world.objects["followed_candidate"].pk) in page
    # Staff who follow nobody themselves get an empty list, not an error.
    page = world.client_for("coordinator").get(url("mine")).content.decode()
    assert "You do not follow any candidates" in page


def test_mine_leaves_out_ended_mentorships_and_finished_placements(world: World) -> None:
    mentor, lead = world.users["mentor"], world.users["lead"]
    mentee = CandidateFactory(operator=world.operator, family_name="Mentee")
    mentorship = services.mentorship_create(
        mentor=mentor, candidate=mentee, starts_on=D(2027, 1, 1), by=lead
    )
    with at(D(2027, 2, 1)):
        assert "Mentee" in world.client_for("mentor").get(url("mine")).content.decode()
        services.mentorship_end(mentorship=mentorship, ends_on=D(2027, 1, 31), by=lead)
        assert "Mentee" not in world.client_for("mentor").get(url("mine")).content.decode()


def test_staff_assign_a_mentor(world: World) -> None:
    client = world.client_for("coordinator")
    candidate = world.objects["candidate"]
    page = client.get(url("mentorship_create") + f"?candidate={candidate.pk}")
    assert page.status_code == 200 and candidate.family_name in page.content.decode()
    response = client.post(
        url("mentorship_create"),
        {"candidate": candidate.pk, "mentor": world.users["mentor"].pk, "starts_on": "2027-03-02"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("candidate_timeline", pk=candidate.pk)
    assert Mentorship.objects.filter(candidate=candidate, mentor=world.users["mentor"]).exists()
    # Now the mentor follows the candidate.
    assert (
        world.client_for("mentor").get(url("candidate_timeline", pk=candidate.pk)).status_code
        == 200
    )
    # Someone who is not a mentor cannot be chosen.
    response = client.post(
        url("mentorship_create"),
        {"candidate": candidate.pk, "mentor": world.users["lead"].pk, "starts_on": "2027-03-02"},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_staff_end_a_mentorship(world: World) -> None:
    mentorship = world.objects["mentorship"]
    with at(D(2027, 6, 1)):
        response = world.client_for("lead").post(
            url("mentorship_end", pk=mentorship.pk), {"ends_on": "2027-05-31"}
        )
    assert response["Location"] == url("candidate_timeline", pk=mentorship.candidate_id)
    mentorship.refresh_from_db()
    assert mentorship.ends_on == D(2027, 5, 31)


def test_a_mentor_writes_a_note_about_a_placement(world: World) -> None:
    followed = world.objects["followed_candidate"]
    placement = world.objects["followed_placement"]
    client = world.client_for("mentor")
    form = client.get(url("note_create", pk=followed.pk) + f"?placement={placement.pk}")
    assert f'<option value="{placement.pk}" selected>' in form.content.decode()
    with at(D(2027, 4, 2)):
        response = world.client_for("mentor").post(
            url("note_create", pk=followed.pk),
            {
                "written_on": "2027-04-02",
                "kind": "visit",
                "placement": placement.pk,
                "text": "Besøk hos Eiendom.",
                "confidential": "on",
            },
        )
    assert response["Location"] == url("placement_timeline", pk=placement.pk)
    note = FollowUpNote.objects.get(text="Besøk hos Eiendom.")
    assert note.author == world.users["mentor"] and note.confidential
    # A placement of someone else cannot be smuggled in.
    response = client.post(
        url("note_create", pk=followed.pk),
        {
            "written_on": "2026-04-02",
            "kind": "visit",
            "placement": world.objects["placement"].pk,
            "text": "x",
        },
    )
    assert response.status_code == 200 and not FollowUpNote.objects.filter(text="x").exists()


def test_mark_a_milestone_done(world: World) -> None:
    milestone = world.objects["follow_up_milestone"]
    page = url("placement_timeline", pk=milestone.placement_id)
    with at(D(2027, 4, 1)):
        response = world.client_for("mentor").post(
            url("milestone_done", pk=milestone.pk), {"next": page}
        )
    assert response["Location"] == page
    milestone.refresh_from_db()
    assert milestone.done_on == D(2027, 4, 1)
    response = world.client_for("mentor").post(
        url("milestone_done", pk=milestone.pk), {"next": "https://evil.example/"}
    )
    assert response["Location"] == page


def test_the_milestone_plan_page_adds_and_removes_and_moves_placements(world: World) -> None:
    programme = world.objects["plan_programme"]
    placement = placement_services.placement_create(
        candidate=CandidateFactory(operator=world.operator),
        programme=programme,
        host_unit=world.objects["host_unit"],
        starts_on=D(2027, 3, 2),
        planned_end=D(2028, 3, 1),
        by=world.users["lead"],
    )
    client = world.client_for("coordinator")
    response = client.post(
        url("milestone_plan", pk=programme.pk),
        {
            "kind": "final_evaluation",
            "label": "Sluttevaluering",
            "anchor": "end",
            "offset_days": 14,
        },
    )
    assert response.status_code == 302
    assert placement.milestones.get(kind="final_evaluation").due_on == D(2028, 2, 16)
    response = client.post(
        url("milestone_plan", pk=programme.pk),
        {"kind": "follow_up", "anchor": "start", "offset_days": 7, "repeat_every_days": 3},
    )
    assert response.status_code == 200 and "once a week" in response.content.decode()
    template = MilestoneTemplate.objects.get(programme=programme, kind="final_evaluation")
    client.post(url("milestone_template_remove", pk=template.pk))
    assert not placement.milestones.filter(kind="final_evaluation").exists()
    assert (
        "Sluttevaluering" not in client.get(url("milestone_plan", pk=programme.pk)).content.decode()
    )


def test_a_mentor_fills_the_evaluation_and_sees_both_side_by_side(world: World) -> None:
    milestone = world.objects["mid_milestone"]
    client = world.client_for("mentor")
    page = client.get(url("evaluation_fill", pk=milestone.pk)).content.decode()
    assert "Hvordan trives du" in page and "How do you like the workplace?" in page
    template = Evaluation.objects.get(milestone=milestone, respondent="candidate").template
    data = answer_data(template)
    incomplete = dict(list(data.items())[1:])
    response = client.post(url("evaluation_fill", pk=milestone.pk), incomplete)
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not Evaluation.objects.filter(milestone=milestone, respondent="mentor").exists()
    with at(D(2027, 9, 1)):
        response = world.client_for("mentor").post(url("evaluation_fill", pk=milestone.pk), data)
    assert response["Location"] == url("evaluation_compare", pk=milestone.pk)
    # The candidate answers through the link, then both appear side by side.
    token = world.objects["evaluation_token"]
    Client().post(url("evaluation_public", token=token), answer_data(template, rating="2"))
    compare = client.get(url("evaluation_compare", pk=milestone.pk)).content.decode()
    assert "4 of 5" in compare and "2 of 5" in compare
    # Filled once: the form now leads to the comparison.
    assert client.get(url("evaluation_fill", pk=milestone.pk))["Location"] == url(
        "evaluation_compare", pk=milestone.pk
    )


def test_a_follow_up_milestone_has_no_evaluation(world: World) -> None:
    milestone = world.objects["follow_up_milestone"]
    assert world.client_for("lead").get(url("evaluation_fill", pk=milestone.pk)).status_code == 404
    assert (
        world.client_for("lead").get(url("evaluation_compare", pk=milestone.pk)).status_code == 404
    )


# --- The candidate's one-time link ----------------------------------------------------------


def test_inviting_shows_a_link_that_opens_the_candidates_form(world: World) -> None:
    milestone = world.objects["mid_milestone"]
    response = world.client_for("mentor").post(url("evaluation_invite", pk=milestone.pk))
    assert response.status_code == 200
    link = re.search(r'value="(http://testserver/follow-up/e/[^"]+/)"', response.content.decode())
    assert link is not None
    page = Client().get(link.group(1).removeprefix("http://testserver"))
    assert page.status_code == 200 and "Tesfay" in page.content.decode()
    # The world's earlier link was replaced.
    old = url("evaluation_public", token=world.objects["evaluation_token"])
    assert Client().get(old).status_code == 404


def test_the_link_works_once_and_a_get_does_not_use_it(world: World) -> None:
    token = world.objects["evaluation_token"]
    link = url("evaluation_public", token=token)
    anon = Client()
    for _ in range(3):
        assert anon.get(link).status_code == 200
    evaluation = selectors.evaluation_by_token(token)
    response = anon.post(link, answer_data(evaluation))
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.submitted_at and evaluation.token_hash == ""
    assert evaluation.answers.count() == evaluation.template.questions.count()
    assert anon.get(link).status_code == 404
    assert anon.post(link, answer_data(evaluation)).status_code == 404
    assert evaluation.answers.count() == evaluation.template.questions.count()


def test_an_incomplete_answer_does_not_use_the_link(world: World) -> None:
    token = world.objects["evaluation_token"]
    link = url("evaluation_public", token=token)
    evaluation = selectors.evaluation_by_token(token)
    data = answer_data(evaluation)
    rating = evaluation.template.questions.filter(kind=EvaluationQuestion.Kind.RATING).first()
    data[f"q{rating.pk}"] = "7"
    response = Client().post(link, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    assert f'aria-describedby="id_q{rating.pk}-error"' in content
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is None and not evaluation.answers.exists()
    assert Client().get(link).status_code == 200


def test_unknown_links_are_404_and_expired_links_say_so_with_410(world: World) -> None:
    assert Client().get(url("evaluation_public", token="not-a-real-token")).status_code == 404
    token = world.objects["evaluation_token"]
    evaluation = selectors.evaluation_by_token(token)
    later = evaluation.token_expires_at + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        response = Client().get(url("evaluation_public", token=token))
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        assert "Tesfay" not in response.content.decode()
        response = Client().post(url("evaluation_public", token=token), answer_data(evaluation))
        assert response.status_code == 410
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is None


def test_the_public_page_shows_only_the_questions_first_name_and_host_unit(world: World) -> None:
    candidate = world.objects["followed_candidate"]
    response = Client().get(url("evaluation_public", token=world.objects["evaluation_token"]))
    content = response.content.decode()
    assert "Tesfay" in content and "Eiendom" in content
    assert candidate.family_name not in content
    assert world.objects["programme"].name not in content
    assert world.users["mentor"].last_name not in content
    # No navigation: no links at all, and the only form posts back to the page itself.
    assert "<a " not in content and "<nav" not in content
    assert re.findall(r"<form[^>]*>", content) == ['<form method="post" novalidate>']
    assert "noindex" in response["X-Robots-Tag"]
    assert "login" not in content.lower()


def test_the_link_opens_nothing_else(world: World) -> None:
    token = world.objects["evaluation_token"]
    anon = Client()
    anon.get(url("evaluation_public", token=token))
    anon.post(url("evaluation_public", token=token), {})
    assert "_auth_user_id" not in anon.session
    for name, entry in MATRIX.items():
        if entry.statuses["anon"] != 302 or name == "core:set_language":
            continue
        target = reverse(name, kwargs=entry.kwargs_for(world))
        response = anon.get(target, {"token": token})
        assert response.status_code == 302, name
        # The candidate's and the host units' pages send to their own sign-in, the rest to staff's.
        own = {"portal": "portal:signin", "hostportal": "hostportal:signin"}
        login = reverse(own.get(name.split(":")[0], "accounts:login"))
        assert response["Location"].startswith(login), name
    # The token is no key to another evaluation's page either.
    assert anon.get(f"/follow-up/e/{token}/compare/").status_code == 404


def test_every_role_gets_the_same_public_page(world: World) -> None:
    link = url("evaluation_public", token=world.objects["evaluation_token"])
    pages = {role: world.client_for(role).get(link) for role in ROLES}
    assert {r.status_code for r in pages.values()} == {200}
    assert selectors.evaluation_by_token(world.objects["evaluation_token"]) is not None


# --- Query budgets --------------------------------------------------------------------------


def test_mine_query_budget(world: World) -> None:
    mentor = world.users["mentor"]

    def add(n: int) -> None:
        for _ in range(n):
            placement = placement_services.placement_create(
                candidate=CandidateFactory(operator=world.operator),
                programme=world.objects["plan_programme"],  # 13 follow-ups a year
                host_unit=HostUnitFactory(operator=world.operator),
                starts_on=D(2027, 3, 2),
                planned_end=D(2028, 3, 1),
                supervisor=mentor,
                by=world.users["lead"],
            )
            services.mentorship_create(
                mentor=mentor, candidate=placement.candidate, starts_on=D(2026, 1, 1), by=mentor
            )

    # user, declaration, page of candidates (no count),
    # their live placements (+ host unit, programme), their open milestones
    assert_constant_queries(world.client_for("mentor"), url("mine"), add, expected=5)


def test_candidate_timeline_query_budget(world: World) -> None:
    candidate = world.objects["followed_candidate"]

    def add(n: int) -> None:
        for i in range(n):
            services.note_create(
                candidate=candidate,
                placement=world.objects["followed_placement"] if i % 2 else None,
                author=world.users["mentor"],
                written_on=D(2026, 4, 1),
                kind="conversation",
                text=f"Notat {i}",
                confidential=bool(i % 3),
            )
            services.mentorship_create(
                mentor=MembershipFactory(operator=world.operator, role=Role.MENTOR).user,
                candidate=candidate,
                starts_on=D(2026, 1, 1),
                by=world.users["lead"],
            )

    # user, candidate (its name), audit insert,
    # page of notes (+author's and host unit's names; no count), placements (+host unit,
    # programme), mentorships (+mentor, programme)
    assert_constant_queries(
        world.client_for("lead"), url("candidate_timeline", pk=candidate.pk), add, expected=6
    )


def test_a_note_shows_its_authors_name_and_its_host_unit(world: World) -> None:
    candidate = world.objects["followed_candidate"]
    placement = world.objects["followed_placement"]
    mentor = world.users["mentor"]
    mentor.first_name, mentor.last_name = "Søren", "Ødegård"
    mentor.save()
    nameless = world.users["coordinator"]
    nameless.first_name = nameless.last_name = ""
    nameless.save()
    for author, at, day, text in [
        (mentor, placement, D(2026, 4, 2), "Med arbeidssted"),
        (nameless, None, D(2026, 4, 1), "Uten arbeidssted"),
    ]:
        services.note_create(
            candidate=candidate,
            placement=at,
            author=author,
            written_on=day,
            kind="conversation",
            text=text,
            confidential=False,
        )
    content = world.client_for("lead").get(url("candidate_timeline", pk=candidate.pk))
    items = re.findall(r'<li class="border-start.*?</li>', content.content.decode(), re.S)
    first, second = items[0], items[1]
    assert "Søren Ødegård" in first and placement.host_unit.name in first
    assert "Med arbeidssted" in first
    assert f'<bdi dir="auto">{nameless.username}</bdi>' in second
    assert placement.host_unit.name not in second and "Uten arbeidssted" in second


def test_placement_timeline_query_budget(world: World) -> None:
    placement = world.objects["followed_placement"]

    def add(n: int) -> None:
        for i in range(n):
            services.note_create(
                candidate=placement.candidate,
                placement=placement,
                author=world.users["mentor"],
                written_on=D(2026, 4, 1),
                kind="conversation",
                text=f"Notat {i}",
                confidential=False,
            )
            Milestone.objects.create(
                placement=placement, kind="other", label=f"M{i}", due_on=D(2027, 4, 1)
            )

    # user, declaration, placement (+joins), audit insert,
    # milestones, their evaluations, page of notes (+author's and host unit's names; no count)
    assert_constant_queries(
        world.client_for("mentor"), url("placement_timeline", pk=placement.pk), add, expected=7
    )


def test_milestone_plan_query_budget(world: World) -> None:
    programme = world.objects["plan_programme"]

    def add(n: int) -> None:
        for i in range(n):
            MilestoneTemplate.objects.create(
                programme=programme, kind="other", label=f"Steg {i}", offset_days=i
            )

    # user, programme (+figures), templates
    assert_constant_queries(
        world.client_for("coordinator"), url("milestone_plan", pk=programme.pk), add, expected=3
    )


def _two_evaluations(world: World):  # type: ignore[no-untyped-def]
    milestone = world.objects["mid_milestone"]
    template = Evaluation.objects.get(milestone=milestone, respondent="candidate").template
    return milestone, template


def test_evaluation_compare_query_budget(world: World) -> None:
    milestone, template = _two_evaluations(world)
    token = world.objects["evaluation_token"]
    services.evaluation_submit(
        milestone=milestone,
        by=world.users["mentor"],
        answers={
            q.pk: {"rating": 3, "yes_no": False, "text": "Ok"}[q.kind]
            for q in template.questions.all()
        },
    )
    services.evaluation_submit_by_token(
        token=token,
        answers={
            q.pk: {"rating": 5, "yes_no": True, "text": "Fint"}[q.kind]
            for q in template.questions.all()
        },
    )
    evaluations = list(Evaluation.objects.filter(milestone=milestone))

    def add(n: int) -> None:
        for i in range(n):
            question = template.questions.create(order=100 + i, text=f"Spørsmål {i}", kind="rating")
            for evaluation in evaluations:
                Answer.objects.create(evaluation=evaluation, question=question, rating=1 + i % 5)

    # user, declaration, milestone (+placement, candidate,
    # host unit, programme), audit insert, evaluations, their answers, questions
    assert_constant_queries(
        world.client_for("mentor"), url("evaluation_compare", pk=milestone.pk), add, expected=7
    )


def test_evaluation_fill_query_budget(world: World) -> None:
    milestone, template = _two_evaluations(world)

    def add(n: int) -> None:
        for i in range(n):
            template.questions.create(order=100 + i, text=f"Spørsmål {i}", kind="text")

    # user, declaration, milestone (+joins), evaluations,
    # their answers, savepoint + the operator's form (get_or_create) + release, questions
    assert_constant_queries(
        world.client_for("mentor"), url("evaluation_fill", pk=milestone.pk), add, expected=9
    )


def test_public_evaluation_query_budget(world: World) -> None:
    token = world.objects["evaluation_token"]
    template = selectors.evaluation_by_token(token).template

    def add(n: int) -> None:
        for i in range(n):
            template.questions.create(order=100 + i, text=f"Spørsmål {i}", kind="yes_no")

    # evaluation by token (+placement, candidate, host unit, template), questions
    assert_constant_queries(Client(), url("evaluation_public", token=token), add, expected=2)


def test_malformed_ids_and_next_are_no_server_error(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: "²" passes str.isdigit() but not int(), and
    redirect() took a ``next`` that is no URL for a view name; both were a 500."""
    lead = world.client_for("lead")
    assert lead.get(url("mentorship_create") + "?candidate=²").status_code == 200
    assert lead.post(url("mentorship_create"), {"candidate": "²"}).status_code == 200
    milestone = world.objects["follow_up_milestone"]
    response = world.client_for("mentor").post(
        url("milestone_done", pk=milestone.pk), {"next": "abc def"}
    )
    assert response.status_code == 302
