"""Matching URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

Shortlists show candidates, so only staff (lead, coordinator) see them; the other operator's lead
gets 404; the weights are the lead's.
"""


def target(kind, key):  # type: ignore[no-untyped-def]
    return lambda w: {"kind": kind, "pk": w.objects[key].pk}


def with_candidate(kind, key):  # type: ignore[no-untyped-def]
    return lambda w: {"kind": kind, "pk": w.objects[key].pk, "candidate": w.objects["candidate"].pk}


def pk(key):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": w.objects[key].pk}


def mentor(w):  # type: ignore[no-untyped-def]
    return {"pk": w.objects["candidate"].pk, "mentor": w.users["mentor"].pk}


STAFF_PAGE = (302, 200, 200, 403, 403, 404, 403)
STAFF_POST = (302, 405, 405, 403, 403, 405, 403)

ROWS = {
    "matching:shortlist": (STAFF_PAGE, target("position", "position"), True),
    "matching:propose": (STAFF_POST, with_candidate("position", "position"), False),
    "matching:dismiss": (STAFF_PAGE, with_candidate("position", "position"), True),
    "matching:undo_dismissal": (STAFF_POST, pk("dismissal"), False),
    "matching:weights": ((302, 200, 403, 403, 403, 404, 403), pk("programme"), True),
    "matching:suggestions": (STAFF_PAGE, pk("candidate"), True),
    "matching:mentors": (STAFF_PAGE, pk("candidate"), True),
    "matching:mentor_propose": (STAFF_POST, mentor, False),
    # Mentor profiles: the mentor keeps their own; coordinators (mentoring.manage) keep them all.
    "mentors:profile_mine": ((302, 403, 403, 200, 403, 403, 403), None, True),
    "mentors:profile_list": ((302, 200, 200, 403, 403, 200, 403), None, True),
    "mentors:profile_edit": (STAFF_PAGE, pk("mentor_profile"), True),
}
