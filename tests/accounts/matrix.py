"""Two-step verification URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

World clients for leads and coordinators have a confirmed device and a verified session
(tests/accounts/otp.py): set-up sends them to their account page and verify to where they were
going (302), turning off shows its form. Mentors, partners and site admins have no device: set-up
shows its form, verify sends them to set-up and turning off to the account page. The code page
itself is scanned by axe in tests/accounts/test_browser.py, as no world client reaches it.
"""

ROWS = {
    "accounts:mfa": ((302, 200, 200, 200, 200, 200, 200), None, True),
    "accounts:mfa_setup": ((302, 302, 302, 200, 200, 302, 200), None, True),
    "accounts:mfa_verify": ((302, 302, 302, 302, 302, 302, 302), None, True),
    "accounts:mfa_disable": ((302, 200, 200, 302, 302, 200, 302), None, True),
    # The idle-timeout warning's "stay signed in": POST only (tests/accounts/test_idle_timeout.py).
    "accounts:keep_alive": ((302, 405, 405, 405, 405, 405, 405), None, False),
}
