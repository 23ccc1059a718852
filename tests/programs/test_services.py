import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from core.models import AuditEntry
from placements.models import Outcome
from placements.selectors import wall_of_fame
from programs import services
from programs.models import Cohort, FundingShare, Position, Programme
from tests.conftest import World, build_world
from tests.factories import (
    CandidateFactory,
    CohortFactory,
    CommitmentFactory,
    HostUnitFactory,
    PartnerFactory,
    ProgrammeFactory,
)

D = datetime.date


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    """Service messages are asserted in the source language; pages assert bokmål."""
    with translation.override("en"):
        yield


def test_programme_create_with_partners_goal_and_audit(world: World) -> None:
    programme = services.programme_create(
        operator=world.operator,
        by=world.users["lead"],
        partners=[world.partner_org],
        name="Globale Testby",
        kind=Programme.Kind.NETWORK,
        starts_on=D(2026, 1, 1),
        goal_target=1000,
        goal_outcome_kinds=["permanent_in_field", "temporary_job"],
        goal_deadline=D(2028, 12, 31),
    )
    assert list(programme.partners.all()) == [world.partner_org]
    assert AuditEntry.objects.filter(action="programs.programme.created", object_id=programme.pk)


def test_programme_end_must_be_after_start_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            operator=world.operator,
            by=world.users["lead"],
            name="Feil",
            kind="trainee",
            starts_on=D(2027, 3, 2),
            ends_on=D(2027, 3, 1),
        )
    assert "The end date must be after the start date." in exc.value.messages
    assert not Programme.objects.filter(name="Feil").exists()


def test_goal_needs_target_deadline_and_outcome_kinds(world: World) -> None:
    common = {
        "operator": world.operator,
        "by": world.users["lead"],
        "kind": "network",
        "starts_on": D(2026, 1, 1),
    }
    with pytest.raises(ValidationError):
        services.programme_create(name="A", goal_target=10, **common)
    with pytest.raises(ValidationError):
        services.programme_create(name="B", goal_target=10, goal_deadline=D(2027, 1, 1), **common)
    with pytest.raises(ValidationError):
        services.programme_create(
            name="C",
            goal_target=10,
            goal_deadline=D(2027, 1, 1),
            goal_outcome_kinds=["bogus"],
            **common,
        )
    assert not Programme.objects.filter(name__in=["A", "B", "C"]).exists()


def test_partner_from_another_operator_is_refused(world: World) -> None:
    stranger = PartnerFactory(operator=world.other_operator)
    with pytest.raises(ValidationError):
        services.programme_create(
            operator=world.operator,
            by=world.users["lead"],
            partners=[stranger],
            name="X",
            kind="trainee",
            starts_on=D(2027, 1, 1),
        )
    assert not Programme.objects.filter(name="X").exists()


def test_funding_must_sum_to_100(world: World) -> None:
    programme = world.objects["programme"]
    lead = world.users["lead"]
    with pytest.raises(ValidationError, match="add up to 90"):
        services.programme_set_funding(
            programme=programme, shares=[(world.partner_org, 50), (world.operator, 40)], by=lead
        )
    assert not FundingShare.objects.filter(programme=programme).exists()
    services.programme_set_funding(
        programme=programme, shares=[(world.partner_org, 50), (world.operator, 50)], by=lead
    )
    assert sorted(programme.funding.values_list("percent", flat=True)) == [50, 50]


def test_funding_party_must_belong_to_the_operator(world: World) -> None:
    with pytest.raises(ValidationError):
        services.programme_set_funding(
            programme=world.objects["programme"],
            shares=[(world.other_operator, 100)],
            by=world.users["lead"],
        )


def test_funding_percent_constraint_in_the_database(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingShare.objects.create(
            programme=world.objects["programme"], party=world.operator, percent=101
        )


def test_trainee_cohort_defaults_to_twelve_months(world: World) -> None:
    cohort = services.cohort_create(
        programme=world.objects["programme"],
        by=world.users["lead"],
        name="Kull 2028",
        starts_on=D(2028, 3, 2),
        capacity=5,
    )
    assert cohort.ends_on == D(2029, 3, 1)


def test_cohort_on_29_february_still_gets_a_year(world: World) -> None:
    cohort = services.cohort_create(
        programme=world.objects["programme"],
        by=world.users["lead"],
        name="Skuddår",
        starts_on=D(2028, 2, 29),
        capacity=1,
    )
    assert cohort.ends_on == D(2029, 2, 27)


def test_cohort_of_other_kinds_needs_an_end(world: World) -> None:
    with pytest.raises(ValidationError):
        services.cohort_create(
            programme=world.objects["network"],
            by=world.users["lead"],
            name="Uten slutt",
            starts_on=D(2027, 1, 1),
            capacity=3,
        )


def test_cohort_capacity_cannot_be_negative_in_the_database(world: World) -> None:
    cohort = world.objects["cohort"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(capacity=-1)


def test_cohort_end_after_start_in_the_database(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=world.objects["cohort"].pk).update(ends_on=D(2020, 1, 1))


def test_position_needs_at_least_one_slot(world: World) -> None:
    with pytest.raises(ValidationError, match="at least one slot"):
        services.position_create(
            programme=world.objects["programme"],
            by=world.users["lead"],
            host_unit=world.objects["host_unit"],
            title="Null",
            slots=0,
            starts_on=D(2027, 3, 2),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=world.objects["position"].pk).update(slots=0)


def test_position_host_unit_must_belong_to_the_operator(world: World) -> None:
    foreign = HostUnitFactory(operator=world.other_operator)
    with pytest.raises(ValidationError):
        services.position_create(
            programme=world.objects["programme"],
            by=world.users["lead"],
            host_unit=foreign,
            title="Feil",
            slots=1,
            starts_on=D(2027, 3, 2),
        )


def test_position_cohort_must_belong_to_the_programme(world: World) -> None:
    other_cohort = CohortFactory(programme=world.objects["network"])
    with pytest.raises(ValidationError):
        services.position_create(
            programme=world.objects["programme"],
            by=world.users["lead"],
            cohort=other_cohort,
            host_unit=world.objects["host_unit"],
            title="Feil",
            slots=1,
            starts_on=D(2027, 3, 2),
        )


def test_position_lifecycle_draft_open_filled_closed(world: World) -> None:
    lead = world.users["coordinator"]
    position = services.position_create(
        programme=world.objects["programme"],
        by=lead,
        host_unit=world.objects["host_unit"],
        title="Ingeniør",
        slots=2,
        starts_on=D(2027, 3, 2),
    )
    assert position.status == Position.Status.DRAFT
    with pytest.raises(ValidationError):
        services.position_fill(position=position, by=lead)
    services.position_open(position=position, by=lead)
    services.position_fill(position=position, by=lead)
    services.position_close(position=position, by=lead)
    position.refresh_from_db()
    assert position.status == Position.Status.CLOSED
    actions = AuditEntry.objects.filter(object_id=position.pk).values_list("action", flat=True)
    assert {
        "programs.position.open",
        "programs.position.filled",
        "programs.position.closed",
    } <= set(actions)


def test_update_does_not_change_status(world: World) -> None:
    position = world.objects["position"]
    services.position_update(position=position, by=world.users["lead"], status="closed", slots=3)
    position.refresh_from_db()
    assert position.status == Position.Status.OPEN and position.slots == 3


def test_commitment_only_for_network_programmes(world: World) -> None:
    employer = HostUnitFactory(operator=world.operator, sector="private")
    with pytest.raises(ValidationError):
        services.commitment_create(
            programme=world.objects["programme"],
            employer=employer,
            by=world.users["lead"],
            committed_on=D(2026, 9, 1),
            pledge=1,
        )
    with pytest.raises(ValidationError, match="at least one hire"):
        services.commitment_create(
            programme=world.objects["network"],
            employer=employer,
            by=world.users["lead"],
            committed_on=D(2026, 9, 1),
            pledge=0,
        )
    services.commitment_create(
        programme=world.objects["network"],
        employer=employer,
        by=world.users["lead"],
        committed_on=D(2026, 9, 1),
        pledge=3,
    )


def test_hostunit_org_number_is_validated(world: World) -> None:
    with pytest.raises(ValidationError, match="organisasjonsnummer|organisation number"):
        services.hostunit_create(
            operator=world.operator,
            by=world.users["lead"],
            name="Feil AS",
            sector="private",
            org_number="123456789",
        )
    unit = services.hostunit_create(
        operator=world.operator,
        by=world.users["lead"],
        name="Riktig AS",
        sector="private",
        org_number="994316850",
    )
    assert unit.pk


def test_wall_of_fame_lists_employers_whose_commitment_became_a_hire(world: World) -> None:
    network = world.objects["network"]
    hired = CommitmentFactory(programme=network)
    CommitmentFactory(programme=network)  # pledged, no hire yet
    for kind in ("permanent_in_field", "temporary_job"):
        Outcome.objects.create(
            candidate=CandidateFactory(operator=world.operator),
            programme=network,
            checkpoint="exit",
            kind=kind,
            employer=hired.employer,
            recorded_on=D(2026, 10, 1),
        )
    # Education is not a hire, even at the same employer.
    Outcome.objects.create(
        candidate=CandidateFactory(operator=world.operator),
        programme=network,
        checkpoint="exit",
        kind="education",
        employer=hired.employer,
        recorded_on=D(2026, 10, 1),
    )
    fame = list(wall_of_fame(network))
    assert [c.employer for c in fame] == [hired.employer]
    assert fame[0].hires == 2


def test_programme_factory_defaults_are_valid(world: World) -> None:
    ProgrammeFactory(operator=world.operator).full_clean()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_funding_that_does_not_sum_to_100() -> None:
    world = build_world()
    programme = world.objects["programme"]
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingShare.objects.create(programme=programme, party=world.operator, percent=60)
    assert not FundingShare.objects.filter(programme=programme).exists()
    with transaction.atomic():
        FundingShare.objects.create(programme=programme, party=world.operator, percent=60)
        FundingShare.objects.create(programme=programme, party=world.partner_org, percent=40)
    assert FundingShare.objects.filter(programme=programme).count() == 2
