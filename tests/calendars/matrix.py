"""Calendar feed URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

The settings page is everyone's own (a site admin without a role is told they need one). The feed
needs no login: the secret in its path is the key, so every client gets the mentor's feed; an
unknown, rotated or revoked secret is 404 (tests/calendars/test_feed.py).
"""


def token(w):  # type: ignore[no-untyped-def]
    return {"token": w.objects["calendar_token"]}


ROWS = {
    "calendars:feed_settings": ((302, 200, 200, 200, 200, 200, 200), None, True),
    "calendars:feed": ((200, 200, 200, 200, 200, 200, 200), token, False),
}
