"""``core.names.user_name``: a user's name computed in the query is what ``str(user)`` gives."""

import pytest

from core.models import User
from core.names import user_name

NAMES = [
    ("Kari", "Nordmann"),
    ("Kari", ""),
    ("", "Nordmann"),
    ("", ""),
    ("Ана", "Смирнова"),
    ("محمد", "حسن"),
    ("  Lise", "Berg "),
]


@pytest.mark.django_db
def test_the_annotation_is_the_users_str() -> None:
    users = [
        User.objects.create(
            username=f"u{n}", email=f"u{n}@example.org", first_name=first, last_name=last
        )
        for n, (first, last) in enumerate(NAMES)
    ]
    named = dict(
        User.objects.filter(pk__in=[u.pk for u in users])
        .annotate(name=user_name())
        .values_list("pk", "name")
    )
    assert named == {u.pk: str(u) for u in users}
    assert named[users[3].pk] == "u3"  # no name: the login


@pytest.mark.django_db
def test_through_a_relation() -> None:
    from core.models import Membership, Organisation, Role

    operator = Organisation.objects.create(name="Kommune", is_operator=True)
    user = User.objects.create(
        username="lead", email="lead@example.org", first_name="Per", last_name="Ås"
    )
    Membership.objects.create(user=user, operator=operator, role=Role.LEAD)
    assert list(
        Membership.objects.annotate(name=user_name("user__")).values_list("name", flat=True)
    ) == ["Per Ås"]
