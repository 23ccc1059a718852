"""Dashboard URLs in the permission matrix (plain tuples; tests/urlmatrix.py reads ``ROWS``).

Order: anonymous, lead, coordinator, mentor, partner, other operator's lead, site admin.
The API answers 401 for everyone here: the matrix sends no bearer token.
"""


def _pk(key):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": w.objects[key].pk}


ROWS = {
    "dashboards:programme": ((302, 200, 200, 403, 200, 404, 403), _pk("programme"), True),
    "dashboards:wall_of_fame": ((200, 200, 200, 200, 200, 200, 200), _pk("dash_network"), True),
    "dashboards:api_docs": ((302, 200, 200, 200, 200, 200, 200), None, True),
    "dashboards:api_token": ((302, 200, 403, 403, 403, 200, 403), None, True),
    "dashboards:api_programme": ((401,) * 7, _pk("programme"), False),
}
