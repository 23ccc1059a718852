"""Host units' pages and the lead's review: (anon, lead, coordinator, mentor, partner,
other_lead, site_admin), and ``HOST``: what a host unit's contact signed in by link gets.

The staff roles have no host session, so every host page sends them to the host sign-in (302);
the supervisor's entry answers any signed-in user (it lists the units they supervise, maybe
none). The review is for leads and coordinators; another operator's submission is 404.
The host is anonymous to staff URLs, so the review sends it to the staff login (302).
"""

ALL = 7
SIGNIN = (302,) * ALL
STAFF_PAGE = (302, 200, 200, 403, 403, 200, 403)


def pk_of(key):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": w.objects[key].pk}


def bad_token(w):  # type: ignore[no-untyped-def]
    return {"token": w.objects["host_bad_token"]}


ROWS = {
    "hostportal:signin": ((200,) * ALL, None, True),
    "hostportal:link": ((404,) * ALL, bad_token, True),
    "hostportal:enter": ((302, 200, 200, 200, 200, 200, 200), None, True),
    "hostportal:home": (SIGNIN, None, True),
    "hostportal:signout": (SIGNIN, None, False),
    "hostportal:need_new": (SIGNIN, None, True),
    "hostportal:opening_new": (SIGNIN, None, True),
    "hostportal:commitment_new": (SIGNIN, None, True),
    "hostportal:submission": (SIGNIN, pk_of("host_submission"), True),
    "hostportal:occupations": (SIGNIN, None, False),
    "hostreview:list": (STAFF_PAGE, None, True),
    "hostreview:review": (
        (302, 200, 200, 403, 403, 404, 403),
        pk_of("host_submission"),
        True,
    ),
    "hostreview:decline": (
        (302, 405, 405, 403, 403, 405, 403),
        pk_of("host_submission"),
        False,
    ),
}

# The host role: a contact of the world's host unit, signed in by link.
HOST = {
    "hostportal:signin": 200,
    "hostportal:link": 404,
    "hostportal:enter": 302,
    "hostportal:home": 200,
    "hostportal:signout": 405,
    "hostportal:need_new": 200,
    "hostportal:opening_new": 200,
    "hostportal:commitment_new": 200,
    "hostportal:submission": 200,
    "hostportal:occupations": 200,
    "hostreview:list": 302,
    "hostreview:review": 302,
    "hostreview:decline": 302,
}
