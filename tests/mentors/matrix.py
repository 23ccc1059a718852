"""Mentoring URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

Object URLs use the world's followed candidate and placement (the mentor supervises and mentors
them), so the mentor gets 200; tests/mentors/test_views.py checks the 404 for everyone else's.
"""


def pk(key):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": w.objects[key].pk}


def token(w):  # type: ignore[no-untyped-def]
    return {"token": w.objects["evaluation_token"]}


STAFF_POST = (302, 405, 405, 403, 403, 405, 403)
FOLLOW_UP_POST = (302, 405, 405, 405, 403, 405, 403)
FOLLOW_UP_PAGE = (302, 200, 200, 200, 403, 404, 403)

ROWS = {
    # Supervisors' and mentors' home page; staff see whom they follow themselves (maybe nobody).
    "mentors:mine": ((302, 200, 200, 200, 403, 200, 403), None, True),
    "mentors:mentorship_create": ((302, 200, 200, 403, 403, 200, 403), None, True),
    "mentors:mentorship_end": (STAFF_POST, pk("mentorship"), False),
    "mentors:candidate_timeline": (FOLLOW_UP_PAGE, pk("followed_candidate"), True),
    "mentors:note_create": (FOLLOW_UP_PAGE, pk("followed_candidate"), True),
    "mentors:placement_timeline": (FOLLOW_UP_PAGE, pk("followed_placement"), True),
    "mentors:milestone_plan": ((302, 200, 200, 403, 403, 404, 403), pk("plan_programme"), True),
    "mentors:milestone_template_remove": (STAFF_POST, pk("milestone_template"), False),
    "mentors:milestone_done": (FOLLOW_UP_POST, pk("follow_up_milestone"), False),
    "mentors:evaluation_fill": (FOLLOW_UP_PAGE, pk("mid_milestone"), True),
    "mentors:evaluation_invite": (FOLLOW_UP_POST, pk("mid_milestone"), False),
    "mentors:evaluation_compare": (FOLLOW_UP_PAGE, pk("mid_milestone"), True),
    # The candidate's one-time link needs no account; a GET never uses it up.
    "mentors:evaluation_public": ((200, 200, 200, 200, 200, 200, 200), token, True),
}
