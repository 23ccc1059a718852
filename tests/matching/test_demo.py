"""The demo's shortlists read the way a coordinator would rank by hand."""

from django.core.management import call_command

from candidates.models import Candidate
from matching.scoring import LEVELS
from matching.selectors import shortlist_for, suggestions_for
from programs.models import JobOpening, Position


def test_demo_shortlists_put_the_right_people_first(db) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)  # idempotent
    position = Position.objects.get(title="Trainee systemutvikling (Kull 2027)")
    assert position.norwegian_minimum == "B1" and position.max_distance_km == 80
    result = shortlist_for(position, position.programme.operator_id)
    assert result.matches, "the demo has candidates for the IT trainee position"
    top = Candidate.objects.get(pk=result.matches[0].profile.pk)
    # The best suggestion is in the right STYRK-08 minor group and meets the Norwegian level.
    assert top.profession_id[:3] == "251"
    assert LEVELS.index(top.norwegian_level) >= LEVELS.index("B1")
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    # Driving licence is a hard requirement on the road position.
    road = Position.objects.get(title="Traineeingeniør vei og trafikk (Kull 2027)")
    for match in shortlist_for(road, road.programme.operator_id).matches:
        assert match.profile.driving_licence
    assert JobOpening.objects.count() == 3
    candidate = Candidate.objects.filter(operator=position.programme.operator).first()
    assert suggestions_for(candidate) is not None
