from .core import MembershipFactory, OperatorFactory, PartnerFactory, UserFactory

__all__ = ["MembershipFactory", "OperatorFactory", "PartnerFactory", "UserFactory"]
