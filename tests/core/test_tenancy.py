import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEntry, Membership, Role
from core.services import membership_change, membership_invite
from tests.conftest import World
from tests.factories import MembershipFactory, OperatorFactory


def test_a_user_in_two_operators_can_switch_and_sees_only_the_active_one(world: World) -> None:
    second = OperatorFactory(name="Tredjeby kommune")
    MembershipFactory(user=world.users["coordinator"], operator=second, role=Role.COORDINATOR)
    client = world.client_for("coordinator")
    assert (
        "Testby kommune" in client.get(reverse("workday:home")).content.decode().split("<main")[1]
    )
    response = client.post(reverse("core:operator_switch"), {"operator": second.pk}, follow=True)
    main = response.content.decode().split("<main")[1]
    assert "Tredjeby kommune" in main and "Testby kommune" not in main


def test_switching_to_an_operator_one_is_not_member_of_is_404(world: World) -> None:
    client = world.client_for("coordinator")
    response = client.post(reverse("core:operator_switch"), {"operator": world.other_operator.pk})
    assert response.status_code == 404


def test_switch_ignores_an_outside_next_url(world: World) -> None:
    client = world.client_for("lead")
    response = client.post(
        reverse("core:operator_switch"),
        {"operator": world.operator.pk, "next": "https://evil.example"},
    )
    assert response["Location"] == reverse("workday:home")


def test_a_deactivated_membership_gives_no_access(world: World) -> None:
    membership = world.users["lead"].memberships.get()
    membership.is_active = False
    membership.save()
    assert world.client_for("lead").get(reverse("core:member_list")).status_code == 403


def test_member_list_shows_only_the_operators_members(world: World) -> None:
    page = world.client_for("lead").get(reverse("core:member_list")).content.decode()
    assert "coordinator@example.org" in page
    assert "other_lead@example.org" not in page


def test_invite_creates_account_membership_audit_and_sends_mail(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_invite(
            operator=world.operator,
            email="Ny.Mentor@Example.org",
            first_name="Ny",
            last_name="Mentor",
            role=Role.MENTOR,
            by=world.users["lead"],
        )
    assert membership.user.email == "ny.mentor@example.org"
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1 and "Testby kommune" in mail.outbox[0].subject
    entry = AuditEntry.objects.get(action="core.membership.created")
    assert entry.object_id == str(membership.pk) and "Mentor" not in str(entry.data)


def test_invite_through_the_page_rejects_a_duplicate_with_a_message(world: World) -> None:
    client = world.client_for("lead")
    response = client.post(
        reverse("core:member_invite"),
        {"email": "coordinator@example.org", "first_name": "A", "last_name": "B", "role": "mentor"},
    )
    assert response.status_code == 200
    assert "allerede medlem" in response.content.decode()
    assert Membership.objects.filter(operator=world.operator).count() == 4


def test_lead_cannot_demote_themself(world: World) -> None:
    lead = world.users["lead"]
    with pytest.raises(ValidationError):
        membership_change(
            membership=lead.memberships.get(), role=Role.MENTOR, is_active=True, by=lead
        )
    assert lead.memberships.get().role == Role.LEAD


def test_lead_changes_a_role_through_the_page(world: World) -> None:
    target = world.users["mentor"].memberships.get()
    response = world.client_for("lead").post(
        reverse("core:member_change", kwargs={"pk": target.pk}),
        {"role": "supervisor", "is_active": "on"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.SUPERVISOR


@pytest.mark.parametrize("operator", ["1.0", "²", "9" * 5000, ""])
def test_switching_with_a_malformed_operator_id_is_404(world: World, operator: str) -> None:
    """Found by tests/security/test_form_fuzzing.py: these were a 500 (ValueError in int())."""
    client = world.client_for("lead")
    response = client.post(reverse("core:operator_switch"), {"operator": operator})
    assert response.status_code == 404


def test_a_next_that_is_no_url_still_redirects(world: World) -> None:
    """Found by the form fuzzer: redirect("abc def") tried it as a view name (NoReverseMatch)."""
    client = world.client_for("lead")
    response = client.post(
        reverse("core:operator_switch"), {"operator": world.operator.pk, "next": "abc def"}
    )
    assert response.status_code == 302
    response = client.post(reverse("core:declaration"), {"next": "abc def"})
    assert response.status_code == 302
