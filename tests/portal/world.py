"""The portal in the test world: a token that never existed (the matrix's link row) and the
followed candidate's open evaluation (from tests/mentors/world.py). Candidates sign in by session
(``tests.portal.helpers``), never as staff users."""

from mentors.models import Evaluation


def extend(world) -> None:  # type: ignore[no-untyped-def]
    world.objects["portal_bad_token"] = "not-a-real-token"
    world.objects["portal_evaluation"] = Evaluation.objects.get(
        milestone=world.objects["mid_milestone"], respondent=Evaluation.Respondent.CANDIDATE
    )
