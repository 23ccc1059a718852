"""Reminder URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

Everyone signed in sees their own reminders and settings (a site admin without a membership has
none, but may still look); the sent-log is the operator's, for its leads.
"""

OWN = (302, 200, 200, 200, 200, 200, 200)

ROWS = {
    "reminders:upcoming": (OWN, None, True),
    "reminders:preferences": (OWN, None, True),
    "reminders:sent_log": ((302, 200, 403, 403, 403, 200, 403), None, True),
}
