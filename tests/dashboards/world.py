"""Dashboards in the test world: a network programme with a published wall of fame."""

import datetime

from programs.models import OutcomeKind
from tests.factories import ProgrammeFactory


def extend(world) -> None:  # type: ignore[no-untyped-def]
    network = ProgrammeFactory(
        operator=world.operator,
        name="Bedriftsnettverket",
        kind="network",
        starts_on=datetime.date(2025, 1, 1),
        goal_target=1000,
        goal_outcome_kinds=[OutcomeKind.PERMANENT_IN_FIELD, OutcomeKind.PERMANENT_OUTSIDE_FIELD],
        goal_deadline=datetime.date(2028, 12, 31),
        wall_of_fame_public=True,
    )
    world.objects["dash_network"] = network
