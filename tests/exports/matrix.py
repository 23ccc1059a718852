"""Report and export URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

The placement report needs "placements.manage" (partners and mentors 403); the funder report
needs "programmes.view" and the programme in scope (other operator 404).
"""


def programme(w):  # type: ignore[no-untyped-def]
    return {"pk": w.objects["programme"].pk}


PLACEMENTS = (302, 200, 200, 403, 403, 200, 403)
FUNDER = (302, 200, 200, 403, 200, 404, 403)


def export_job(w):  # type: ignore[no-untyped-def]
    return {"pk": w.objects["export_job"].pk}


# A background export belongs to the lead who asked for it: any other user gets 404.
OWN_JOB = (302, 200, 404, 403, 403, 404, 403)

ROWS = {
    "reports:export_job_create": ((302, 405, 405, 403, 403, 405, 403), None, False),
    "reports:export_job": (OWN_JOB, export_job, True),
    "reports:export_job_download": (OWN_JOB, export_job, False),
    "reports:placements": (PLACEMENTS, None, True),
    "reports:placements_csv": (PLACEMENTS, None, False),
    "reports:placements_xlsx": (PLACEMENTS, None, False),
    "reports:placements_pdf": (PLACEMENTS, None, False),
    "reports:funder": (FUNDER, programme, True),
    "reports:funder_xlsx": (FUNDER, programme, False),
    "reports:funder_pdf": (FUNDER, programme, False),
}
