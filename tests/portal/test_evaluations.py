"""The candidate answers their own evaluations in the portal: listed on their page until answered,
the same form as the e-mailed link, another candidate's or an answered one is 404, and the staff
side sees the answers."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEntry
from mentors import selectors as mentor_selectors
from mentors import services as mentor_services
from mentors.models import Evaluation, EvaluationQuestion
from tests.portal.helpers import portal_client

pytestmark = pytest.mark.django_db


def full_answers(evaluation: Evaluation) -> dict[str, str]:
    data = {}
    for question in mentor_selectors.questions_of(evaluation.template_id):
        name = f"q{question.pk}"
        if question.kind == EvaluationQuestion.Kind.RATING:
            data[name] = "4"
        elif question.kind == EvaluationQuestion.Kind.YES_NO:
            data[name] = "True"
        else:
            data[name] = "Det går bra."
    return data


def test_open_evaluations_are_listed_for_their_candidate_only(world) -> None:  # type: ignore[no-untyped-def]
    evaluation = world.objects["portal_evaluation"]
    followed = world.objects["followed_candidate"]
    assert list(mentor_selectors.evaluations_addressed_to(followed)) == [evaluation]
    assert list(mentor_selectors.evaluations_addressed_to(world.objects["candidate"])) == []
    page = portal_client(followed).get(reverse("portal:home")).content.decode()
    assert reverse("portal:evaluation", kwargs={"pk": evaluation.pk}) in page


def test_a_candidate_answers_and_it_leaves_the_list(world) -> None:  # type: ignore[no-untyped-def]
    evaluation = world.objects["portal_evaluation"]
    followed = world.objects["followed_candidate"]
    client = portal_client(followed)
    url = reverse("portal:evaluation", kwargs={"pk": evaluation.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        action="candidates.candidate.viewed",
        object_id=str(followed.pk),
        data__what="portal_evaluation",
        data__evaluation=evaluation.pk,
    ).exists()

    response = client.post(url, full_answers(evaluation))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is not None
    assert evaluation.token_hash == ""  # the e-mailed link no longer works
    assert evaluation.answers.count() == evaluation.template.questions.count()
    assert AuditEntry.objects.filter(
        action="mentors.evaluation.submitted", object_id=str(evaluation.pk), data__via="portal"
    ).exists()
    assert list(mentor_selectors.evaluations_addressed_to(followed)) == []
    assert client.get(url).status_code == 404
    page = client.get(reverse("portal:home")).content.decode()
    assert url not in page
    # The staff side sees the candidate's answers next to the mentor's.
    evaluations, _rows = mentor_selectors.comparison_rows(world.objects["mid_milestone"])
    assert evaluations[Evaluation.Respondent.CANDIDATE].submitted_at is not None


def test_missing_answers_are_refused_and_nothing_is_saved(world) -> None:  # type: ignore[no-untyped-def]
    evaluation = world.objects["portal_evaluation"]
    client = portal_client(world.objects["followed_candidate"])
    url = reverse("portal:evaluation", kwargs={"pk": evaluation.pk})
    response = client.post(url, {})
    assert response.status_code == 200
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is None and evaluation.answers.count() == 0


def test_another_candidates_evaluation_is_404(world) -> None:  # type: ignore[no-untyped-def]
    evaluation = world.objects["portal_evaluation"]
    client = portal_client(world.objects["candidate"])
    url = reverse("portal:evaluation", kwargs={"pk": evaluation.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, full_answers(evaluation)).status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is None


def test_the_service_refuses_another_candidate_and_a_second_answer(world) -> None:  # type: ignore[no-untyped-def]
    evaluation = world.objects["portal_evaluation"]
    questions = list(mentor_selectors.questions_of(evaluation.template_id))
    answers = {
        q.pk: 3 if q.kind == "rating" else True if q.kind == "yes_no" else "Fint" for q in questions
    }
    with pytest.raises(ValidationError):
        mentor_services.evaluation_submit_by_candidate(
            candidate=world.objects["candidate"], evaluation=evaluation, answers=answers
        )
    followed = world.objects["followed_candidate"]
    mentor_services.evaluation_submit_by_candidate(
        candidate=followed, evaluation=evaluation, answers=answers
    )
    with pytest.raises(ValidationError):
        mentor_services.evaluation_submit_by_candidate(
            candidate=followed, evaluation=evaluation, answers=answers
        )
