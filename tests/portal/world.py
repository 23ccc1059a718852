"""The portal in the test world: nothing to add but a token that never existed (the matrix's
link row). Candidates sign in by session (``tests.portal.helpers``), never as staff users."""


def extend(world) -> None:  # type: ignore[no-untyped-def]
    world.objects["portal_bad_token"] = "not-a-real-token"
