"""The scoring engine with hand-built cases: no database."""

import datetime
from dataclasses import asdict, replace

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.scoring import Opening, Profile, Weights, passes_hard, rank, score, within

D = datetime.date
# Bærum, Oslo, Tromsø (points from programs/data/kommuner_2024_centroids.csv).
POINTS = {"3201": (59.929, 10.4997), "0301": (59.9724, 10.7757), "5501": (69.7569, 18.6139)}
W = Weights()
DEVELOPER = Opening(
    occupation="2512",
    norwegian_level="B2",
    municipality="3201",
    starts_on=D(2027, 3, 2),
    languages=("ar",),
)


def test_right_occupation_and_language_outrank_the_wrong_ones() -> None:
    right = Profile(pk=1, profession="2512", norwegian_level="B2", municipality="3201")
    same_minor_group = Profile(pk=2, profession="2511", norwegian_level="B2", municipality="3201")
    weak_norwegian = Profile(pk=3, profession="2512", norwegian_level="A2", municipality="3201")
    wrong_field = Profile(pk=4, profession="5120", norwegian_level="B2", municipality="3201")
    ranked = [
        m.profile.pk
        for m in rank(DEVELOPER, [wrong_field, weak_norwegian, same_minor_group, right], W, POINTS)
    ]
    assert ranked == [1, 2, 3, 4]


def test_reasons_are_texts_with_their_points() -> None:
    profile = Profile(pk=1, profession="2511", norwegian_level="B1", municipality="0301")
    match = score(DEVELOPER, profile, W, POINTS)
    with translation.override("en"):
        texts = [str(r) for r in match.reasons]
    assert "same STYRK-08 minor group: +30" in texts
    assert "Norwegian B1, position asks B2: −15" in texts
    assert any(t.startswith("lives 16 km away") for t in texts)
    with translation.override("nb"):
        assert "Norsk B1, stillingen krever B2: −15" in [str(r) for r in match.reasons]
    assert match.score == W.base + sum(r.points for r in match.reasons)


def test_score_stays_within_0_and_100() -> None:
    best = Profile(
        pk=1, profession="2512", norwegian_level="C2", municipality="3201", languages=("ar",),
        wished_occupations=("2512",), education_level="master", education_field="Informatikk",
    )  # fmt: skip
    worst = Profile(pk=2, norwegian_level="A1", municipality="5501", max_travel_km=10,
                    available_from=D(2028, 1, 1), hours_available=5)  # fmt: skip
    opening = Opening(
        **{
            **DEVELOPER.__dict__,
            "hours_per_week": 37,
            "education_level": "bachelor",
            "education_field": "informatikk",
        }
    )
    assert score(opening, best, W, POINTS).score == 100
    assert score(opening, worst, W, POINTS).score == 0


def test_hard_requirements_exclude() -> None:
    opening = Opening(
        occupation="2512",
        driving_licence_required=True,
        norwegian_minimum="B1",
        municipality="3201",
        max_distance_km=50,
    )
    ok = Profile(pk=1, driving_licence=True, norwegian_level="B1", municipality="0301")
    assert passes_hard(opening, ok, POINTS)
    assert not passes_hard(opening, replace(ok, **{"driving_licence": False}), POINTS)
    assert not passes_hard(opening, replace(ok, **{"norwegian_level": "A2"}), POINTS)
    assert not passes_hard(opening, replace(ok, **{"municipality": "5501"}), POINTS)
    assert not passes_hard(opening, replace(ok, **{"municipality": ""}), POINTS)
    assert [m.profile.pk for m in rank(opening, [ok, Profile(pk=2)], W, POINTS)] == [1]


def test_within_finds_the_municipalities_near_a_point() -> None:
    assert within("3201", 30, POINTS) == {"3201", "0301"}


def test_weights_change_the_ranking() -> None:
    occupation_first = Profile(pk=1, profession="2512", norwegian_level="A2", municipality="3201")
    norwegian_first = Profile(pk=2, profession="5120", norwegian_level="B2", municipality="3201")
    both = [occupation_first, norwegian_first]
    assert rank(DEVELOPER, both, W, POINTS)[0].profile.pk == 1
    heavy_norwegian = Weights(norwegian=40)
    assert rank(DEVELOPER, both, heavy_norwegian, POINTS)[0].profile.pk == 2


CODES = ["2511", "2512", "2142", "5120", "2166", ""]
profiles = st.builds(
    Profile,
    pk=st.integers(1, 10_000),
    profession=st.sampled_from(CODES),
    wished_occupations=st.lists(st.sampled_from(CODES[:-1]), max_size=2).map(tuple),
    education_level=st.sampled_from(["", "upper_secondary", "bachelor", "master"]),
    education_field=st.sampled_from(["", "Informatikk", "Bygg"]),
    norwegian_level=st.sampled_from(["", "A2", "B1", "B2", "C1"]),
    languages=st.lists(st.sampled_from(["ar", "uk", "so"]), max_size=2).map(tuple),
    driving_licence=st.booleans(),
    municipality=st.sampled_from(["", "3201", "0301", "5501"]),
    max_travel_km=st.none() | st.integers(0, 100),
    available_from=st.none() | st.dates(D(2026, 1, 1), D(2028, 1, 1)),
    hours_available=st.none() | st.integers(0, 40),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=30))
def test_ranking_many_gives_each_the_score_of_scoring_it_alone(people: list[Profile]) -> None:
    opening = Opening(**{**asdict(DEVELOPER), "hours_per_week": 37, "education_level": "bachelor",
                          "education_field": "informatikk", "norwegian_minimum": "A2"})  # fmt: skip
    for match in rank(opening, people, W, POINTS):
        alone = score(opening, match.profile, W, POINTS)
        assert match.score == alone.score
        assert [str(r) for r in match.reasons] == [str(r) for r in alone.reasons]
    passing = {p.pk for p in people if passes_hard(opening, p, POINTS)}
    assert {m.profile.pk for m in rank(opening, people, W, POINTS)} == passing


def test_reasons_say_whether_a_position_or_a_job_opening_asks() -> None:
    profile = Profile(pk=1, norwegian_level="B1", hours_available=20)
    asks = {"norwegian_level": "B2", "hours_per_week": 37}
    with translation.override("en"):
        position = [r.text for r in score(Opening(**asks), profile, W, POINTS).reasons]
        opening = [
            r.text for r in score(Opening(**asks, kind="opening"), profile, W, POINTS).reasons
        ]
    assert "Norwegian B1, position asks B2" in position
    assert "Norwegian B1, opening asks B2" in opening
    assert "can work 20 hours a week, opening has 37" in opening
