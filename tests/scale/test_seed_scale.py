"""seed_scale: a small run on the test database gives the counts asked for, rows that pass
full_clean() and the services' cross-object rules, and pages that load for a generated lead."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application, Candidate, Consent, StageChange
from candidates.national_id import parse_national_id
from candidates.services import search_key
from core.models import ConfidentialityDeclaration, Membership, Organisation, Role, User
from mentors.models import FollowUpNote, Mentorship, Milestone
from placements.models import NavAgreement, Outcome, Placement
from programs.models import Cohort, FundingShare, HostUnit, Position, Programme
from reminders.models import Reminder, SentReminder
from stewardship.synthetic import EMAIL_DOMAIN, LOADED, seeded_size

pytestmark = pytest.mark.django_db

SIZE = {"operators": 4, "candidates": 2000, "notes": 20000}
SAMPLE = 25


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """One seed for the module, rolled back at its end; each test runs in a savepoint inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_scale", verbosity=0, **SIZE)
        yield SIZE
        transaction.set_rollback(True)


def test_counts_match_the_size_asked_for(seeded) -> None:  # type: ignore[no-untyped-def]
    assert Organisation.objects.filter(is_operator=True).count() == 4
    assert Candidate.objects.count() == 2000
    assert FollowUpNote.objects.count() == 20000
    assert Reminder.objects.count() == 20000  # as many as notes unless --reminders says otherwise
    assert Placement.objects.count() >= 1800
    assert SentReminder.objects.count() == Reminder.objects.filter(sent_at__isnull=False).count()
    # Every operator has its staff, and the biggest has the most candidates.
    for operator in Organisation.objects.filter(is_operator=True):
        roles = set(Membership.objects.filter(operator=operator).values_list("role", flat=True))
        assert roles == {Role.LEAD, Role.COORDINATOR, Role.SUPERVISOR, Role.MENTOR, Role.PARTNER}
    sizes = list(Candidate.objects.values("operator").annotate(n=Count("pk")).order_by("operator"))
    assert sizes[0]["n"] == max(s["n"] for s in sizes)
    assert seeded_size()["candidates"] == 2000  # type: ignore[index]


def test_a_second_run_is_refused(seeded) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError):
        call_command("seed_scale", verbosity=0, **SIZE)


def test_sampled_rows_pass_full_clean(seeded) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for model in LOADED:
        if model._meta.auto_created:  # the programme-partner link table has no clean()
            continue
        rows = list(model.objects.order_by("?")[:SAMPLE])
        assert rows, model
        for row in rows:
            try:
                row.full_clean()
            except ValidationError as error:  # pragma: no cover - the message names the row
                pytest.fail(f"{model.__name__} {row.pk}: {error}")
            checked += 1
    assert checked > 15 * SAMPLE  # some tables hold fewer rows than the sample (programmes)


def test_candidates_have_valid_synthetic_ids_and_search_keys(seeded) -> None:  # type: ignore[no-untyped-def]
    scripts = set()
    for candidate in Candidate.objects.order_by("?")[:200]:
        assert candidate.search_name == search_key(
            candidate.given_name,
            candidate.family_name,
            candidate.given_name_latin,
            candidate.family_name_latin,
            candidate.preferred_name,
        )
        if candidate.national_id:
            parsed = parse_national_id(candidate.national_id, allow_synthetic=True)
            assert parsed.synthetic
            assert str(parsed.kind) == candidate.national_id_kind
        scripts.update(_script(ch) for ch in candidate.family_name + candidate.given_name)
    assert {"latin", "arabic", "cyrillic"} <= scripts
    ids = Candidate.objects.exclude(national_id="").values_list("national_id", flat=True)
    assert len(set(ids)) == len(ids)


def _script(char: str) -> str:
    code = ord(char)
    if 0x0600 <= code <= 0x06FF:
        return "arabic"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if 0x1200 <= code <= 0x137F:
        return "geez"
    return "latin" if char.isascii() else "other"


def test_cross_object_rules_of_the_services_hold(seeded) -> None:  # type: ignore[no-untyped-def]
    """What placement_create, note_create, mentorship_create and the others check before a save."""
    today = timezone.localdate()
    operator = F("candidate__operator_id")
    assert not Placement.objects.exclude(programme__operator_id=operator).exists()
    assert not Placement.objects.exclude(host_unit__operator_id=operator).exists()
    assert not Placement.objects.exclude(cohort__programme_id=F("programme_id")).exists()
    assert not Placement.objects.exclude(application__candidate_id=F("candidate_id")).exists()
    assert not Placement.objects.exclude(supervisor__memberships__operator_id=operator).exists()
    assert not Position.objects.exclude(host_unit__operator_id=F("programme__operator_id")).exists()
    assert not Position.objects.exclude(cohort__programme_id=F("programme_id")).exists()
    assert not Application.objects.exclude(cohort__programme__operator_id=operator).exists()
    assert not FollowUpNote.objects.filter(written_on__gt=today).exists()
    assert (
        not FollowUpNote.objects.filter(placement__isnull=False)
        .exclude(placement__candidate_id=F("candidate_id"))
        .exists()
    )
    assert not FollowUpNote.objects.exclude(author__memberships__operator_id=operator).exists()
    assert not Mentorship.objects.exclude(mentor__memberships__operator_id=operator).exists()
    assert not Outcome.objects.filter(recorded_on__gt=today).exists()
    assert not Outcome.objects.exclude(placement__candidate_id=F("candidate_id")).exists()
    assert not Milestone.objects.filter(done_on__gt=today).exists()
    assert not Milestone.objects.exclude(
        template__programme_id=F("placement__programme_id")
    ).exists()
    assert not NavAgreement.objects.exclude(starts_on=F("placement__starts_on")).exists()
    # Live placements are planned or active by their dates; finished ones have an end.
    assert not Placement.objects.filter(status="active", starts_on__gt=today).exists()
    assert not Placement.objects.filter(status="completed", actual_end__isnull=True).exists()
    # A programme's funding sums to 100 (PostgreSQL also checks it with a deferred trigger).
    sums = FundingShare.objects.values("programme").annotate(total=Sum("percent"))
    assert {s["total"] for s in sums} == {100}
    assert Programme.objects.count() == len(sums)
    # Supervisors and mentors have accepted the duty of confidentiality.
    followers = Membership.objects.filter(role__in=[Role.SUPERVISOR, Role.MENTOR])
    assert ConfidentialityDeclaration.objects.count() == followers.count()
    assert Consent.objects.count() == Candidate.objects.count()
    assert StageChange.objects.count() >= Application.objects.count()
    assert Cohort.objects.exists() and HostUnit.objects.exists()


def test_reminders_are_keyed_as_the_planner_keys_them(seeded) -> None:  # type: ignore[no-untyped-def]
    for reminder in Reminder.objects.order_by("?")[:200]:
        assert reminder.dedupe_key == f"{reminder.slot}:{reminder.event_on:%Y%m%d}"
        assert reminder.slot.endswith(f":u{reminder.recipient_id}")
        assert (reminder.sent_at is None) == (
            not SentReminder.objects.filter(reminder=reminder).exists()
        )
    now = timezone.now()
    assert Reminder.objects.filter(sent_at__isnull=True, due_at__lte=now).exists()
    assert Reminder.objects.filter(sent_at__isnull=True, due_at__gt=now).exists()
    assert not Reminder.objects.filter(Q(sent_at__gt=now) | Q(due_at__gt=F("sent_at"))).exists()


def test_pages_load_for_a_generated_lead(seeded, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MFA_REQUIRED_ROLES = ()  # the code step is tested in tests/accounts
    lead = User.objects.get(username=f"lead1.o1@{EMAIL_DOMAIN}")
    operator = lead.memberships.get().operator
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(lead)
    busiest = (
        FollowUpNote.objects.filter(candidate__operator=operator)
        .values("candidate")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["candidate"]
    )
    placement = Placement.objects.filter(candidate__operator=operator).first()
    programme = Programme.objects.filter(operator=operator).first()
    urls = [
        reverse("candidates:list"),
        reverse("candidates:list") + "?page=2",
        reverse("candidates:detail", kwargs={"pk": busiest}),
        reverse("placements:list"),
        reverse("placements:detail", kwargs={"pk": placement.pk}),  # type: ignore[union-attr]
        reverse("mentors:candidate_timeline", kwargs={"pk": busiest}),
        reverse("programs:programme_list"),
        reverse("dashboards:programme", kwargs={"pk": programme.pk}),  # type: ignore[union-attr]
        reverse("reports:placements"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
