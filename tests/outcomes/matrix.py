"""Outcome, programme-figure and event URLs: (anon, lead, coordinator, mentor, partner,
other_lead, site_admin). Objects belong to the world's operator, so the other lead gets 404."""


def pk_of(key: str):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": w.objects[key].pk}


STAFF_PAGE = (302, 200, 200, 403, 403, 200, 403)
STAFF_OBJECT = (302, 200, 200, 403, 403, 404, 403)
POST_ONLY = (302, 405, 405, 403, 403, 405, 403)

ROWS = {
    "placements:outcome_list": (STAFF_PAGE, None, True),
    "placements:outcomes_due": (STAFF_PAGE, None, True),
    "placements:outcome_create": (STAFF_PAGE, None, True),
    "placements:outcome_edit": (STAFF_OBJECT, pk_of("outcomes_outcome"), True),
    # Aggregates only: partners read the figures of programmes their organisation partners in.
    "placements:programme_figures": (
        (302, 200, 200, 403, 200, 404, 403),
        pk_of("programme"),
        True,
    ),
    "events:list": (STAFF_PAGE, None, True),
    "events:create": (STAFF_PAGE, None, True),
    "events:detail": (STAFF_OBJECT, pk_of("event"), True),
    "events:edit": (STAFF_OBJECT, pk_of("event"), True),
    "events:invite": (POST_ONLY, pk_of("event"), False),
    "events:attendance": (POST_ONLY, pk_of("attendance"), False),
}
