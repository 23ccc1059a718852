"""Calendar feeds in the test world: the world's mentor has a feed (its token in
``calendar_token``); other roles make their own in the tests that need one."""

from calendars.services import feed_create


def extend(world) -> None:  # type: ignore[no-untyped-def]
    mentor = world.users["mentor"]
    token = feed_create(membership=mentor.memberships.get(), language="nb", by=mentor)
    world.objects["calendar_token"] = token
