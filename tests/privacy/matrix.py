"""Privacy URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

The access log and the retention policy are the lead's (capabilities "privacy.access_log" and
"privacy.retention"); another operator's lead sees their own operator's, so 200.
"""

LEAD_ONLY = (302, 200, 403, 403, 403, 200, 403)
# The candidate's rights (candidates.privacy) are the controller's acts: the lead downloads
# everything held (POST only, so the method is checked before the lookup: 405), erases, puts under
# legal hold and decides on requests; coordinators record requests and see them.
STAFF_POST = (302, 405, 405, 403, 403, 405, 403)
STAFF_PAGE = (302, 200, 200, 403, 403, 200, 403)
LEAD_ON_CANDIDATE = (302, 200, 403, 403, 403, 404, 403)
LEAD_POST = (302, 405, 403, 403, 403, 405, 403)


def candidate(w):  # type: ignore[no-untyped-def]
    return {"pk": w.objects["candidate"].pk}


ROWS = {
    "core:access_log": (LEAD_ONLY, None, True),
    "stewardship:retention": (LEAD_ONLY, None, True),
    "stewardship:retention_preview": (LEAD_ONLY, None, True),
    "stewardship:subject_export_json": (LEAD_POST, candidate, False),
    "stewardship:subject_export_pdf": (LEAD_POST, candidate, False),
    "candidates:subject_request_create": (STAFF_POST, candidate, False),
    "candidates:subject_requests": (STAFF_PAGE, None, True),
    "candidates:subject_request_decide": (
        LEAD_POST,
        lambda w: {"pk": w.objects["subject_request"].pk},
        False,
    ),
    "stewardship:erase": (LEAD_ON_CANDIDATE, candidate, True),
    "stewardship:legal_hold": (LEAD_POST, candidate, False),
}
