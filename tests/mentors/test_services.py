import datetime
import hashlib

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from core.models import AuditEntry, Role
from mentors import selectors, services
from mentors.models import (
    Answer,
    Evaluation,
    EvaluationQuestion,
    EvaluationTemplate,
    FollowUpNote,
    Mentorship,
    MilestoneKind,
    MilestoneTemplate,
)
from mentors.selectors import MilestoneState, milestone_state, notes_visible_to
from placements import services as placement_services
from placements.models import Placement
from tests.conftest import World
from tests.factories import CandidateFactory, MembershipFactory, ProgrammeFactory, UserFactory

D = datetime.date
NOON = datetime.time(12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.combine(day, NOON), tick=False)


def membership(world: World, role: str):  # type: ignore[no-untyped-def]
    return world.users[role].memberships.get()


def answers_for(template: EvaluationTemplate) -> dict[int, object]:
    values = {
        EvaluationQuestion.Kind.RATING: 4,
        EvaluationQuestion.Kind.YES_NO: True,
        EvaluationQuestion.Kind.TEXT: "Bra samarbeid.",
    }
    return {q.pk: values[q.kind] for q in template.questions.all()}


# --- Mentorships ----------------------------------------------------------------------------


def test_mentor_must_be_an_active_mentor_or_supervisor_of_the_operator(world: World) -> None:
    candidate, lead = world.objects["candidate"], world.users["lead"]
    for user in (world.users["coordinator"], world.users["other_lead"], UserFactory()):
        with pytest.raises(ValidationError, match="active mentor or supervisor"):
            services.mentorship_create(
                mentor=user, candidate=candidate, starts_on=D(2027, 3, 2), by=lead
            )
    supervisor = MembershipFactory(operator=world.operator, role=Role.SUPERVISOR).user
    mentorship = services.mentorship_create(
        mentor=supervisor, candidate=candidate, starts_on=D(2027, 3, 2), by=lead
    )
    assert mentorship.pk
    inactive = MembershipFactory(operator=world.operator, role=Role.MENTOR, is_active=False).user
    with pytest.raises(ValidationError):
        services.mentorship_create(
            mentor=inactive, candidate=candidate, starts_on=D(2027, 3, 2), by=lead
        )


def test_mentorship_ends_after_it_starts_and_does_not_overlap(world: World) -> None:
    candidate, lead, mentor = world.objects["candidate"], world.users["lead"], world.users["mentor"]
    with pytest.raises(ValidationError, match="after the start"):
        services.mentorship_create(
            mentor=mentor,
            candidate=candidate,
            starts_on=D(2027, 3, 2),
            ends_on=D(2027, 3, 1),
            by=lead,
        )
    first = services.mentorship_create(
        mentor=mentor, candidate=candidate, starts_on=D(2027, 3, 2), ends_on=D(2027, 6, 1), by=lead
    )
    with pytest.raises(ValidationError, match="already mentors"):
        services.mentorship_create(
            mentor=mentor, candidate=candidate, starts_on=D(2027, 5, 1), by=lead
        )
    services.mentorship_create(mentor=mentor, candidate=candidate, starts_on=D(2027, 6, 1), by=lead)
    assert Mentorship.objects.filter(candidate=candidate).count() == 2
    entry = AuditEntry.objects.get(action="mentors.mentorship.created", object_id=first.pk)
    assert entry.data == {"candidate": candidate.pk, "mentor": mentor.pk}


def test_programme_of_a_mentorship_belongs_to_the_operator(world: World) -> None:
    other = ProgrammeFactory(operator=world.other_operator)
    with pytest.raises(ValidationError, match="another operator"):
        services.mentorship_create(
            mentor=world.users["mentor"],
            candidate=world.objects["candidate"],
            starts_on=D(2027, 3, 2),
            programme=other,
            by=world.users["lead"],
        )


def test_ending_a_mentorship(world: World) -> None:
    mentorship = world.objects["mentorship"]
    lead = world.users["lead"]
    with at(D(2027, 6, 1)):
        with pytest.raises(ValidationError):
            services.mentorship_end(mentorship=mentorship, ends_on=mentorship.starts_on, by=lead)
        services.mentorship_end(mentorship=mentorship, ends_on=D(2027, 5, 31), by=lead)
        with pytest.raises(ValidationError, match="already ended"):
            services.mentorship_end(mentorship=mentorship, ends_on=D(2027, 6, 1), by=lead)
    mentorship.refresh_from_db()
    assert mentorship.ends_on == D(2027, 5, 31)


# --- Notes ----------------------------------------------------------------------------------


def test_note_is_saved_and_audited_without_its_text(world: World) -> None:
    with at(D(2027, 4, 1)):
        note = services.note_create(
            candidate=world.objects["followed_candidate"],
            placement=world.objects["followed_placement"],
            author=world.users["mentor"],
            written_on=D(2027, 4, 1),
            kind=FollowUpNote.Kind.VISIT,
            text="  Besøk på arbeidsplassen.  ",
            confidential=False,
        )
    assert note.text == "Besøk på arbeidsplassen."
    entry = AuditEntry.objects.get(action="mentors.note.created", object_id=note.pk)
    assert "Besøk" not in str(entry.data)


def test_note_cannot_be_about_someone_elses_placement_or_in_the_future(world: World) -> None:
    common = {
        "candidate": world.objects["candidate"],
        "author": world.users["lead"],
        "kind": "other",
        "text": "x",
        "confidential": False,
    }
    with at(D(2027, 4, 1)):
        with pytest.raises(ValidationError, match="another candidate"):
            services.note_create(
                placement=world.objects["followed_placement"], written_on=D(2027, 4, 1), **common
            )
        with pytest.raises(ValidationError, match="future"):
            services.note_create(written_on=D(2027, 4, 2), **common)
        with pytest.raises(ValidationError):
            services.note_create(written_on=D(2027, 4, 1), **{**common, "kind": "gossip"})


def test_confidential_note_is_visible_to_its_author_and_the_lead_only(world: World) -> None:
    secret = world.objects["confidential_note"]  # written by the coordinator
    followed = world.objects["followed_candidate"]
    other_mentor = MembershipFactory(operator=world.operator, role=Role.MENTOR)
    services.mentorship_create(
        mentor=other_mentor.user,
        candidate=followed,
        starts_on=D(2026, 3, 1),
        by=world.users["lead"],
    )
    own_secret = services.note_create(
        candidate=followed,
        author=world.users["mentor"],
        written_on=D(2026, 3, 12),
        kind="other",
        text="Mentorens egen fortrolige notat.",
        confidential=True,
    )

    def visible(member) -> set[int]:  # type: ignore[no-untyped-def]
        return set(notes_visible_to(member, candidate=followed).values_list("pk", flat=True))

    lead, coordinator = membership(world, "lead"), membership(world, "coordinator")
    mentor = membership(world, "mentor")
    assert {secret.pk, own_secret.pk} <= visible(lead)
    assert secret.pk in visible(coordinator) and own_secret.pk not in visible(coordinator)
    assert own_secret.pk in visible(mentor) and secret.pk not in visible(mentor)
    assert not {secret.pk, own_secret.pk} & visible(other_mentor)
    assert world.objects["note"].pk in visible(other_mentor)
    assert visible(membership(world, "other_lead")) == set()
    assert visible(membership(world, "partner")) == set()
    assert visible(None) == set()


def test_a_mentor_sees_no_notes_of_candidates_they_do_not_follow(world: World) -> None:
    services.note_create(
        candidate=world.objects["candidate"],
        author=world.users["lead"],
        written_on=D(2026, 3, 1),
        kind="other",
        text="Om en annen kandidat.",
        confidential=False,
    )
    mentor = membership(world, "mentor")
    candidates = set(notes_visible_to(mentor).values_list("candidate_id", flat=True))
    assert candidates == {world.objects["followed_candidate"].pk}


# --- Milestones -----------------------------------------------------------------------------


def test_milestone_state_from_the_dates_and_today() -> None:
    due = D(2027, 5, 1)
    assert milestone_state(due_on=due, today=D(2027, 4, 30)) == MilestoneState.DUE
    assert milestone_state(due_on=due, today=due) == MilestoneState.DUE
    assert milestone_state(due_on=due, today=D(2027, 5, 2)) == MilestoneState.OVERDUE
    assert milestone_state(due_on=due, done_on=D(2027, 6, 1), today=D(2027, 7, 1)) == "done"


def test_milestone_state_uses_the_local_date_today() -> None:
    due = D(2027, 5, 1)
    # 23:30 UTC on 30 April is already 1 May in Oslo: due, not yet overdue.
    with time_machine.travel(datetime.datetime(2027, 4, 30, 23, 30, tzinfo=datetime.UTC)):
        assert milestone_state(due_on=D(2027, 4, 30)) == MilestoneState.OVERDUE
        assert milestone_state(due_on=due) == MilestoneState.DUE
    with time_machine.travel(datetime.datetime(2027, 5, 1, 22, 30, tzinfo=datetime.UTC)):
        assert milestone_state(due_on=due) == MilestoneState.OVERDUE


def test_mark_done_once_and_not_in_the_future(world: World) -> None:
    milestone = world.objects["follow_up_milestone"]
    mentor = world.users["mentor"]
    with at(D(2027, 4, 2)):
        with pytest.raises(ValidationError, match="future"):
            services.milestone_mark_done(milestone=milestone, by=mentor, on=D(2027, 4, 3))
        services.milestone_mark_done(milestone=milestone, by=mentor)
        with pytest.raises(ValidationError, match="already done"):
            services.milestone_mark_done(milestone=milestone, by=mentor)
        milestone.refresh_from_db()
        assert milestone.done_on == D(2027, 4, 2) and milestone.done_by == mentor
        assert selectors.with_states([milestone])[0].state == MilestoneState.DONE


def _plan(programme) -> None:  # type: ignore[no-untyped-def]
    for fields in [
        {"kind": "follow_up", "label": "Oppfølging", "offset_days": 28, "repeat_every_days": 28},
        {"kind": "mid_evaluation", "label": "Midtveisevaluering", "anchor": "mid"},
        {"kind": "attest", "label": "Attest", "anchor": "end", "offset_days": 14},
    ]:
        MilestoneTemplate.objects.create(programme=programme, **fields)


def _placement(world: World, programme, **extra) -> Placement:  # type: ignore[no-untyped-def]
    fields = {
        "candidate": CandidateFactory(operator=world.operator),
        "programme": programme,
        "host_unit": world.objects["host_unit"],
        "starts_on": D(2027, 3, 2),
        "planned_end": D(2028, 3, 1),
        "by": world.users["lead"],
        "supervisor": world.users["mentor"],
    }
    return placement_services.placement_create(**{**fields, **extra})


def test_extending_a_placement_moves_open_milestones_and_leaves_done_ones(world: World) -> None:
    programme = world.objects["plan_programme"]
    MilestoneTemplate.objects.filter(programme=programme).delete()
    _plan(programme)
    placement = _placement(world, programme)
    first = placement.milestones.order_by("due_on").first()
    attest = placement.milestones.get(kind="attest")
    mid = placement.milestones.get(kind="mid_evaluation")
    assert (first.due_on, mid.due_on, attest.due_on) == (
        D(2027, 3, 30),
        D(2027, 8, 31),
        D(2028, 2, 16),
    )
    with at(D(2027, 4, 1)):
        services.milestone_mark_done(milestone=first, by=world.users["mentor"])
    placement_services.placement_extend(
        placement=placement, planned_end=D(2028, 6, 1), by=world.users["lead"]
    )
    for milestone in (first, mid, attest):
        milestone.refresh_from_db()
    assert first.due_on == D(2027, 3, 30) and first.done_on == D(2027, 4, 1)
    assert mid.due_on == D(2027, 10, 16)
    assert attest.due_on == D(2028, 5, 18)


def test_changing_the_plan_re_dates_live_placements_only(world: World) -> None:
    programme = world.objects["plan_programme"]  # has "Oppfølging" every 28 days from day 28
    lead = world.users["lead"]
    live = _placement(world, programme)
    finished = _placement(world, programme)
    placement_services.placement_start(placement=finished, by=lead)
    with at(D(2028, 3, 1)):
        placement_services.placement_complete(placement=finished, by=lead)
    done = live.milestones.order_by("due_on").first()
    with at(D(2027, 4, 1)):
        services.milestone_mark_done(milestone=done, by=lead)
    before_finished = set(finished.milestones.values_list("pk", "due_on"))

    attest = services.milestone_template_add(
        programme=programme,
        kind=MilestoneKind.ATTEST,
        label="Attest",
        anchor=MilestoneTemplate.Anchor.END,
        offset_days=14,
        by=lead,
    )
    assert live.milestones.get(template=attest).due_on == D(2028, 2, 16)
    assert set(finished.milestones.values_list("pk", "due_on")) == before_finished

    follow_up = MilestoneTemplate.objects.get(programme=programme, kind="follow_up")
    services.milestone_template_remove(template=follow_up, by=lead)
    # The done follow-up stays as history; the open ones are gone.
    assert list(live.milestones.filter(kind="follow_up")) == [done]
    done.refresh_from_db()
    assert done.template is None and done.done_on == D(2027, 4, 1)
    # A completed placement is history: its milestones are neither moved nor removed.
    assert set(finished.milestones.values_list("pk", "due_on")) == before_finished
    assert AuditEntry.objects.filter(action="mentors.milestone_template.removed").count() == 1


def test_plan_rows_are_validated(world: World) -> None:
    with pytest.raises(ValidationError):
        services.milestone_template_add(
            programme=world.objects["plan_programme"],
            kind="follow_up",
            repeat_every_days=3,
            by=world.users["lead"],
        )


# --- Evaluations ----------------------------------------------------------------------------


def test_default_forms_are_created_once_per_operator(world: World) -> None:
    mid = services.evaluation_template_default(operator=world.operator, kind="mid_evaluation")
    again = services.evaluation_template_default(operator=world.operator, kind="mid_evaluation")
    final = services.evaluation_template_default(operator=world.operator, kind="final_evaluation")
    assert mid == again and mid.name == "Midtveisevaluering" and final.name == "Sluttevaluering"
    kinds = set(mid.questions.values_list("kind", flat=True))
    assert kinds == {"rating", "text", "yes_no"}
    assert all(q.text_en for q in mid.questions.all())
    other = services.evaluation_template_default(
        operator=world.other_operator, kind="mid_evaluation"
    )
    assert other != mid
    with pytest.raises(ValidationError):
        services.evaluation_template_default(operator=world.operator, kind="follow_up")


def test_mentor_evaluation_needs_every_answer_and_saves_nothing_half(world: World) -> None:
    milestone = world.objects["mid_milestone"]
    mentor = world.users["mentor"]
    template = services.evaluation_template_default(operator=world.operator, kind=milestone.kind)
    answers = answers_for(template)
    rating = template.questions.filter(kind="rating").first()
    text = template.questions.filter(kind="text").first()
    for broken in (
        {k: v for k, v in answers.items() if k != text.pk},
        {**answers, rating.pk: 6},
        {**answers, rating.pk: 0},
        {**answers, rating.pk: True},
        {**answers, text.pk: "   "},
    ):
        with pytest.raises(ValidationError, match="Answer every question"):
            services.evaluation_submit(milestone=milestone, by=mentor, answers=broken)
    assert not Evaluation.objects.filter(milestone=milestone, respondent="mentor").exists()
    assert not Answer.objects.exists()

    with at(D(2027, 9, 1)):
        evaluation = services.evaluation_submit(milestone=milestone, by=mentor, answers=answers)
    assert evaluation.submitted_at and evaluation.respondent_user == mentor
    assert evaluation.answers.count() == len(answers)
    milestone.refresh_from_db()
    assert milestone.done_on == D(2027, 9, 1)
    with pytest.raises(ValidationError, match="already been submitted"):
        services.evaluation_submit(milestone=milestone, by=mentor, answers=answers)


def test_only_evaluation_milestones_have_a_form(world: World) -> None:
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            milestone=world.objects["follow_up_milestone"], by=world.users["mentor"], answers={}
        )


def test_rating_outside_1_to_5_is_refused_by_the_database(world: World) -> None:
    evaluation = Evaluation.objects.get(milestone=world.objects["mid_milestone"])
    question = evaluation.template.questions.filter(kind="rating").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(evaluation=evaluation, question=question, rating=9)


def test_invitation_stores_only_a_hash_and_expires_in_14_days(world: World) -> None:
    milestone = world.objects["mid_milestone"]
    with time_machine.travel(datetime.datetime(2027, 8, 20, 10, tzinfo=datetime.UTC), tick=False):
        token = services.evaluation_invite_candidate(milestone=milestone, by=world.users["mentor"])
    evaluation = Evaluation.objects.get(milestone=milestone, respondent="candidate")
    assert len(token) >= 43 and token not in evaluation.token_hash
    assert evaluation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert evaluation.token_expires_at == datetime.datetime(2027, 9, 3, 10, tzinfo=datetime.UTC)
    # The world's earlier link stopped working when this one replaced it.
    assert selectors.evaluation_by_token(world.objects["evaluation_token"]) is None
    assert selectors.evaluation_by_token(token) == evaluation
    entry = AuditEntry.objects.filter(action="mentors.evaluation.invited").latest("pk")
    assert token not in str(entry.data)


def test_candidate_link_works_once(world: World) -> None:
    token = world.objects["evaluation_token"]
    evaluation = selectors.evaluation_by_token(token)
    answers = answers_for(evaluation.template)
    services.evaluation_submit_by_token(token=token, answers=answers)
    evaluation.refresh_from_db()
    assert evaluation.submitted_at and evaluation.token_hash == ""
    assert evaluation.respondent_user is None
    with pytest.raises(services.LinkUsed):
        services.evaluation_submit_by_token(token=token, answers=answers)
    with pytest.raises(services.LinkUsed):
        services.evaluation_submit_by_token(token="", answers=answers)
    with pytest.raises(ValidationError, match="already answered"):
        services.evaluation_invite_candidate(
            milestone=world.objects["mid_milestone"], by=world.users["mentor"]
        )


def test_candidate_link_expires(world: World) -> None:
    token = world.objects["evaluation_token"]
    evaluation = selectors.evaluation_by_token(token)
    later = evaluation.token_expires_at + datetime.timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert selectors.is_expired(evaluation)
        with pytest.raises(services.LinkExpired):
            services.evaluation_submit_by_token(
                token=token, answers=answers_for(evaluation.template)
            )
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is None and not evaluation.answers.exists()


def test_candidate_answers_are_validated_and_not_half_saved(world: World) -> None:
    token = world.objects["evaluation_token"]
    evaluation = selectors.evaluation_by_token(token)
    answers = answers_for(evaluation.template)
    answers.popitem()
    with pytest.raises(ValidationError, match="Answer every question"):
        services.evaluation_submit_by_token(token=token, answers=answers)
    evaluation.refresh_from_db()
    assert evaluation.token_hash and not evaluation.answers.exists()


def test_comparison_puts_both_answers_side_by_side(world: World) -> None:
    milestone = world.objects["mid_milestone"]
    token = world.objects["evaluation_token"]
    template = selectors.evaluation_by_token(token).template
    mine = answers_for(template)
    theirs = {**mine}
    rating = template.questions.filter(kind="rating").first()
    theirs[rating.pk] = 2
    services.evaluation_submit(milestone=milestone, by=world.users["mentor"], answers=mine)
    services.evaluation_submit_by_token(token=token, answers=theirs)
    _evaluations, rows = selectors.comparison_rows(milestone)
    assert len(rows) == template.questions.count()
    first = next(r for r in rows if r["question"] == rating)
    assert (first["mentor"].rating, first["candidate"].rating) == (4, 2)
