"""Workday URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

The home page (workday:home, in tests/urlmatrix.py) and search answer every signed-in user; what
they list is scoped to the membership (tests/workday/test_home.py, test_search.py).
"""

ROWS = {
    "workday:search": ((302, 200, 200, 200, 200, 200, 200), None, True),
}
