from .candidates import ApplicationFactory, CandidateFactory
from .core import MembershipFactory, OperatorFactory, PartnerFactory, UserFactory
from .programs import (
    CohortFactory,
    CommitmentFactory,
    HostUnitFactory,
    PositionFactory,
    ProgrammeFactory,
)

__all__ = [
    "ApplicationFactory",
    "CandidateFactory",
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
