import datetime

import factory

from candidates.models import Application, Candidate
from candidates.services import search_key

from .core import OperatorFactory


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    operator = factory.SubFactory(OperatorFactory)
    given_name = factory.Sequence(lambda n: f"Amal{n}")
    family_name = factory.Sequence(lambda n: f"Haddad{n}")
    birth_date = datetime.date(1990, 5, 17)
    nationality = "SY"
    norwegian_level = "B1"
    search_name = factory.LazyAttribute(lambda o: search_key(o.given_name, o.family_name))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    applied_on = datetime.date(2026, 11, 1)
