"""The host units' pages in the test world: the host unit's contact address, one pending need
it sent (the review rows of the matrix) and a token that never existed."""

import datetime

from hostportal.models import Submission
from programs.models import HostUnit


def extend(world) -> None:  # type: ignore[no-untyped-def]
    unit = world.objects["host_unit"]
    HostUnit.objects.filter(pk=unit.pk).update(contact_email="eiendom@example.org")
    unit.contact_email = "eiendom@example.org"
    world.objects["host_submission"] = Submission.objects.create(
        host_unit=unit,
        programme=world.objects["programme"],
        cohort=world.objects["cohort"],
        kind=Submission.Kind.NEED,
        title="Driftstekniker",
        slots=2,
        starts_on=datetime.date(2027, 3, 2),
    )
    world.objects["host_bad_token"] = "not-a-real-token"
