"""Privacy in the test world: the coordinator has recorded the candidate's request for a copy of
their data, waiting for the lead."""

import datetime

from candidates.privacy.requests import subject_request_create


def extend(world) -> None:  # type: ignore[no-untyped-def]
    world.objects["subject_request"] = subject_request_create(
        candidate=world.objects["candidate"],
        kind="export",
        received_on=datetime.date(2026, 11, 2),
        by=world.users["coordinator"],
    )
