"""Placement URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin)."""


def placement(w):  # type: ignore[no-untyped-def]
    return {"pk": w.objects["placement"].pk}


POST_ONLY = (302, 405, 405, 403, 403, 405, 403)

ROWS = {
    "placements:list": ((302, 200, 200, 200, 403, 200, 403), None, True),
    "placements:create": ((302, 200, 200, 403, 403, 200, 403), None, True),
    # The world's placement has no supervisor: the mentor does not follow it (404).
    "placements:detail": ((302, 200, 200, 404, 403, 404, 403), placement, True),
    "placements:edit": ((302, 200, 200, 403, 403, 404, 403), placement, True),
    "placements:nav_agreement": ((302, 200, 200, 403, 403, 404, 403), placement, True),
    "placements:start": (POST_ONLY, placement, False),
    "placements:extend": (POST_ONLY, placement, False),
    "placements:end_early": (POST_ONLY, placement, False),
    "placements:complete": (POST_ONLY, placement, False),
}
