import datetime

import factory

from programs.models import Cohort, EmployerCommitment, HostUnit, Occupation, Position, Programme

from .core import OperatorFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    operator = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda n: f"Programme {n}")
    kind = Programme.Kind.TRAINEE
    starts_on = datetime.date(2027, 3, 2)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Kull {2027 + n}")
    starts_on = datetime.date(2027, 3, 2)
    ends_on = datetime.date(2028, 3, 1)
    capacity = 5


class HostUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostUnit

    operator = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    sector = HostUnit.Sector.MUNICIPAL


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    programme = factory.SubFactory(ProgrammeFactory)
    host_unit = factory.SubFactory(
        HostUnitFactory, operator=factory.SelfAttribute("..programme.operator")
    )
    title = factory.Sequence(lambda n: f"Trainee {n}")
    occupation = factory.LazyFunction(lambda: Occupation.objects.get(code="2511"))
    slots = 1
    starts_on = datetime.date(2027, 3, 2)
    status = Position.Status.OPEN


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerCommitment

    programme = factory.SubFactory(ProgrammeFactory, kind=Programme.Kind.NETWORK)
    employer = factory.SubFactory(
        HostUnitFactory,
        operator=factory.SelfAttribute("..programme.operator"),
        sector=HostUnit.Sector.PRIVATE,
    )
    committed_on = datetime.date(2026, 9, 1)
    pledge = 2
