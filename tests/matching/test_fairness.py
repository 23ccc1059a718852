"""No protected attribute enters a score: changing gender, birth date (age), country of birth or
nationality of a candidate never changes any score or the order of a shortlist. (Springbrett
records no religion at all.)"""

import dataclasses
import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Candidate
from matching.scoring import Profile
from matching.selectors import PROFILE_FIELDS, shortlist_for
from tests.factories import CandidateFactory

PROTECTED = {"gender", "birth_date", "country_of_birth", "nationality", "religion", "age"}
COUNTRIES = ["", "NO", "SY", "UA", "ER", "SO", "AF", "PL", "IR", "ET"]


def test_the_profile_has_no_protected_attribute() -> None:
    names = {f.name for f in dataclasses.fields(Profile)} | set(PROFILE_FIELDS)
    assert not names & PROTECTED


@pytest.fixture
def scored_world(world):  # type: ignore[no-untyped-def]
    for i, (profession, level) in enumerate(
        [("2511", "B2"), ("2512", "B1"), ("5120", "C1"), ("2166", "A2"), ("", "")]
    ):
        CandidateFactory(
            operator=world.operator,
            profession_id=profession or None,
            norwegian_level=level,
            other_languages=["ar"] if i % 2 else [],
            driving_licence=bool(i % 2),
        )
    return world


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(
        st.fixed_dictionaries(
            {
                "gender": st.sampled_from(["", "female", "male", "other"]),
                "birth_date": st.none()
                | st.dates(datetime.date(1940, 1, 1), datetime.date(2008, 1, 1)),
                "country_of_birth": st.sampled_from(COUNTRIES),
                "nationality": st.sampled_from(COUNTRIES),
            }
        ),
        min_size=7,
        max_size=7,
    )
)
def test_changing_protected_attributes_never_changes_a_score(scored_world, changes) -> None:  # type: ignore[no-untyped-def]
    world = scored_world
    position = world.objects["position"]
    before = [
        (m.profile.pk, m.score, m.reasons)
        for m in shortlist_for(position, world.operator.pk).matches
    ]
    assert len(before) >= 5
    pks = list(
        Candidate.objects.filter(operator=world.operator)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk, change in zip(pks, changes, strict=False):
        Candidate.objects.filter(pk=pk).update(**change)
    after = [
        (m.profile.pk, m.score, m.reasons)
        for m in shortlist_for(position, world.operator.pk).matches
    ]
    assert after == before
