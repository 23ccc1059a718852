"""Portal URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

The matrix's roles are staff; none of them has a portal session, so every portal page sends them
to the portal sign-in (302), the sign-in page answers everyone, and an unknown link is 404.
What a signed-in candidate reaches is tested in tests/portal/test_access.py.
"""

ALL = 7
SIGNIN = (302,) * ALL


def pk_of(key):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": w.objects[key].pk}


ROWS = {
    "portal:signin": ((200,) * ALL, None, True),
    "portal:link": ((404,) * ALL, lambda w: {"token": w.objects["portal_bad_token"]}, True),
    "portal:home": (SIGNIN, None, True),
    "portal:signout": (SIGNIN, None, False),
    "portal:consent_withdraw": (SIGNIN, pk_of("consent"), False),
    "portal:document": (SIGNIN, pk_of("doc_issued"), False),
    "portal:export": (SIGNIN, lambda w: {"fmt": "json"}, False),
    "portal:contact": (SIGNIN, None, True),
    "portal:evaluation": (SIGNIN, pk_of("portal_evaluation"), True),
    "portal:dates": (SIGNIN, None, True),
    "portal:dates_ics": (SIGNIN, None, False),
    "portal:language": (SIGNIN, None, True),
}
