from .core import MembershipFactory, OperatorFactory, PartnerFactory, UserFactory
from .programs import (
    CohortFactory,
    CommitmentFactory,
    HostUnitFactory,
    PositionFactory,
    ProgrammeFactory,
)

__all__ = [
    "CohortFactory",
    "CommitmentFactory",
    "HostUnitFactory",
    "MembershipFactory",
    "OperatorFactory",
    "PartnerFactory",
    "PositionFactory",
    "ProgrammeFactory",
    "UserFactory",
]
