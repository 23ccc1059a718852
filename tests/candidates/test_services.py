import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from candidates import services
from candidates.demo import synthetic_fnr
from candidates.models import Application, Candidate, StageChange
from core.models import AuditEntry
from tests.conftest import World
from tests.factories import CandidateFactory, PositionFactory

S = Application.Stage
VALID_SYNTHETIC = next(
    f for i in range(100, 200) if (f := synthetic_fnr(datetime.date(1990, 5, 17), i))
)


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def create(world: World, **fields):  # type: ignore[no-untyped-def]
    defaults = {"given_name": "Олена", "family_name": "Шевченко"}
    return services.candidate_create(
        operator=world.operator, by=world.users["lead"], **{**defaults, **fields}
    )


def test_names_in_any_script_are_searchable_as_written_and_transliterated(world: World) -> None:
    candidate = create(world)
    assert "олена" in candidate.search_name and "olena shevchenko" in candidate.search_name


def test_national_id_is_normalised_and_birth_date_derived(world: World) -> None:
    spaced = f"{VALID_SYNTHETIC[:6]} {VALID_SYNTHETIC[6:]}"
    candidate = create(world, national_id=spaced)
    assert candidate.national_id == VALID_SYNTHETIC
    assert candidate.national_id_kind == "fnr"
    assert candidate.birth_date == datetime.date(1990, 5, 17)


def test_invalid_national_id_names_the_problem_and_saves_nothing(world: World) -> None:
    bad = VALID_SYNTHETIC[:-1] + str((int(VALID_SYNTHETIC[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as exc:
        create(world, national_id=bad)
    message = " ".join(exc.value.messages)
    assert "check digits" in message and bad not in message
    assert not Candidate.objects.filter(family_name="Шевченко").exists()


def test_synthetic_ids_only_when_the_setting_allows(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOW_SYNTHETIC_IDS = False
    with pytest.raises(ValidationError, match="Synthetic"):
        create(world, national_id=VALID_SYNTHETIC)


def test_national_id_is_unique_per_operator_but_not_across(world: World) -> None:
    create(world, national_id=VALID_SYNTHETIC)
    with pytest.raises(ValidationError, match="already has this id"):
        create(world, given_name="Other", national_id=VALID_SYNTHETIC)
    other = services.candidate_create(
        operator=world.other_operator,
        by=world.users["other_lead"],
        given_name="A",
        family_name="B",
        national_id=VALID_SYNTHETIC,
    )
    assert other.pk


def test_audit_entries_hold_ids_never_names_or_national_ids(world: World) -> None:
    candidate = create(world, national_id=VALID_SYNTHETIC)
    services.candidate_update(candidate=candidate, by=world.users["lead"], phone="99999999")
    for entry in AuditEntry.objects.filter(object_id=candidate.pk):
        text = str(entry.data) + entry.action
        assert "Олена" not in text and VALID_SYNTHETIC not in text


def test_reveal_is_logged(world: World) -> None:
    candidate = create(world, national_id=VALID_SYNTHETIC)
    value = services.candidate_reveal_national_id(candidate=candidate, by=world.users["lead"])
    assert value == VALID_SYNTHETIC
    assert (
        AuditEntry.objects.filter(
            action="candidates.national_id.revealed", object_id=candidate.pk
        ).count()
        == 1
    )


def test_application_pipeline_with_history(world: World) -> None:
    candidate = CandidateFactory(operator=world.operator)
    lead = world.users["lead"]
    application = services.application_create(
        candidate=candidate, cohort=world.objects["cohort"], by=lead
    )
    for stage in (S.SCREENED, S.INTERVIEW, S.OFFERED, S.ACCEPTED):
        services.application_move(application=application, to=stage, by=lead)
    assert list(application.history.values_list("to_stage", flat=True)) == [
        "applied",
        "screened",
        "interview",
        "offered",
        "accepted",
    ]
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.PARTICIPANT


def test_pipeline_refuses_skipping_and_rejecting_without_reason(world: World) -> None:
    application = services.application_create(
        candidate=CandidateFactory(operator=world.operator),
        cohort=world.objects["cohort"],
        by=world.users["lead"],
    )
    with pytest.raises(ValidationError, match="cannot be moved"):
        services.application_move(application=application, to=S.ACCEPTED, by=world.users["lead"])
    with pytest.raises(ValidationError, match="reason"):
        services.application_move(application=application, to=S.REJECTED, by=world.users["lead"])
    application.refresh_from_db()
    assert application.stage == S.APPLIED


def test_bulk_move_is_all_or_nothing(world: World) -> None:
    lead = world.users["lead"]
    cohort = world.objects["cohort"]
    first = services.application_create(
        candidate=CandidateFactory(operator=world.operator), cohort=cohort, by=lead
    )
    second = services.application_create(
        candidate=CandidateFactory(operator=world.operator), cohort=cohort, by=lead
    )
    services.application_move(application=second, to=S.SCREENED, by=lead)
    with pytest.raises(ValidationError):
        # The first may move applied → screened; the second is screened already → refused.
        services.application_bulk_move(applications=[first, second], to=S.SCREENED, by=lead)
    first.refresh_from_db()
    assert first.stage == S.APPLIED
    assert StageChange.objects.filter(application=first).count() == 1


def test_cannot_apply_twice_or_across_operators(world: World) -> None:
    candidate = world.objects["candidate"]
    with pytest.raises(ValidationError, match="already applied"):
        services.application_create(
            candidate=candidate, cohort=world.objects["cohort"], by=world.users["lead"]
        )
    foreign = PositionFactory()
    with pytest.raises(ValidationError, match="another operator"):
        services.application_create(candidate=candidate, position=foreign, by=world.users["lead"])


def test_consent_withdrawn_not_before_given(world: World) -> None:
    consent = services.consent_record(
        candidate=world.objects["candidate"],
        purpose="share_nav",
        given_on=datetime.date(2026, 10, 1),
        by=world.users["lead"],
    )
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            consent=consent, withdrawn_on=datetime.date(2026, 9, 1), by=world.users["lead"]
        )
    services.consent_withdraw(
        consent=consent, withdrawn_on=datetime.date(2026, 11, 1), by=world.users["lead"]
    )
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.consent_withdraw(
            consent=consent, withdrawn_on=datetime.date(2026, 11, 2), by=world.users["lead"]
        )
