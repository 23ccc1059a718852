"""The candidate's page takes the same number of queries with 3 or 30 milestones, consents and
documents."""

import datetime
import itertools

import pytest
from django.urls import reverse

from candidates.models import Consent
from mentors.models import EvaluationQuestion, Milestone, MilestoneKind
from tests.portal.helpers import portal_client
from tests.privacy.planting import plant
from tests.querybudget import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_the_candidates_page_has_a_fixed_query_count(world) -> None:  # type: ignore[no-untyped-def]
    candidate = plant(world).candidate
    placement = candidate.placements.get()

    def add_rows(n: int) -> None:
        for i in range(n):
            Milestone.objects.create(
                placement=placement,
                kind=MilestoneKind.FOLLOW_UP,
                label=f"Samtale {i}",
                due_on=datetime.date(2025, 3, 1) + datetime.timedelta(days=i),
                sequence=100 + Milestone.objects.count(),
            )
            Consent.objects.create(
                candidate=candidate, purpose="contact_later", given_on=datetime.date(2025, 1, 1)
            )

    # session, candidate (+operator), placements, their milestones, mentorships, consents,
    # documents, open evaluations, the access-log row, the session save
    assert_constant_queries(portal_client(candidate), reverse("portal:home"), add_rows, expected=8)


def test_the_evaluation_page_has_a_fixed_query_count(world) -> None:  # type: ignore[no-untyped-def]
    evaluation = world.objects["portal_evaluation"]
    template = evaluation.template

    def add_rows(n: int) -> None:
        start = template.questions.count()
        EvaluationQuestion.objects.bulk_create(
            EvaluationQuestion(
                template=template, order=start + i + 1, text=f"Spørsmål {i}", kind=kind
            )
            for i, kind in zip(range(n), itertools.cycle(["rating", "yes_no", "text"]))
        )

    client = portal_client(world.objects["followed_candidate"])
    url = reverse("portal:evaluation", kwargs={"pk": evaluation.pk})
    # session, candidate (+operator), the evaluation (+milestone, placement, workplace), its
    # questions, the access-log row (the session was just made: no save)
    assert_constant_queries(client, url, add_rows, expected=4)
