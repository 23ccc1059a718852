"""Mentor profiles: a mentor keeps their own, a mentor coordinator lists and edits them all."""

from django.urls import reverse

from mentors.models import MentorProfile
from tests.conftest import World
from tests.factories import MembershipFactory, UserFactory
from tests.querybudget import assert_constant_queries


def test_mentor_edits_own_profile_and_matching_reads_it(world: World) -> None:
    mentor = world.users["mentor"]
    client = world.client_for("mentor")
    url = reverse("mentors:profile_mine")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "languages": "uk, AR",
            "sectors": ["private", "ngo"],
            "max_mentees": 4,
            "available_from": "2027-01-10",
        },
    )
    assert response.status_code == 302
    profile = MentorProfile.objects.get(operator=world.operator, mentor=mentor)
    assert profile.languages == ["ar", "uk"] and profile.sectors == ["private", "ngo"]
    assert profile.max_mentees == 4


def test_bad_capacity_is_refused_and_nothing_saved(world: World) -> None:
    response = world.client_for("mentor").post(
        reverse("mentors:profile_mine"), {"languages": "", "max_mentees": -1}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert MentorProfile.objects.get(mentor=world.users["mentor"]).max_mentees == 3


def test_coordinator_lists_and_edits_mentor_profiles(world: World) -> None:
    client = world.client_for("coordinator")
    profile = world.objects["mentor_profile"]
    page = client.get(reverse("mentors:profile_list")).content.decode()
    assert reverse("mentors:profile_edit", kwargs={"pk": profile.pk}) in page
    response = client.post(
        reverse("mentors:profile_edit", kwargs={"pk": profile.pk}),
        {"languages": "so", "sectors": ["municipal"], "max_mentees": 1},
    )
    profile.refresh_from_db()
    assert response.status_code == 302 and profile.languages == ["so"]
    other = world.client_for("other_lead")
    edit = reverse("mentors:profile_edit", kwargs={"pk": profile.pk})
    assert other.get(edit).status_code == 404


def test_profile_list_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            user = UserFactory()
            MembershipFactory(user=user, operator=world.operator, role="mentor")
            MentorProfile.objects.create(operator=world.operator, mentor=user, languages=["ar"])

    # user, count, page of profiles (+ mentor, occupation)
    assert_constant_queries(
        world.client_for("coordinator"), reverse("mentors:profile_list"), add, expected=3
    )


def test_own_profile_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            MentorProfile.objects.create(operator=world.operator, mentor=UserFactory())

    # user, the own profile (+ occupation)
    assert_constant_queries(
        world.client_for("mentor"), reverse("mentors:profile_mine"), add, expected=2
    )
