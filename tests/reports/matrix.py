"""Document URLs: (anon, lead, coordinator, mentor, partner, other_lead, site_admin).

The world's mentor supervises ``followed_placement``, where the documents are, so they see them;
partners and site admins have no operator role here (403); the other operator's lead is 404 on
objects and 405 on POST-only URLs (the method is checked before the lookup).
"""


def pk_of(key):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": w.objects[key].pk}


PUBLIC = (200, 200, 200, 200, 200, 200, 200)
SEE = (302, 200, 200, 200, 403, 404, 403)  # placements.view, scoped to the placement
STAFF = (302, 200, 200, 403, 403, 404, 403)  # coordinators and leads
DRAFT_POST = (302, 405, 405, 405, 403, 405, 403)  # followup.write, POST only
STAFF_POST = (302, 405, 405, 403, 403, 405, 403)  # placements.manage, POST only

ROWS = {
    "documents:placement_documents": (SEE, pk_of("followed_placement"), True),
    "documents:create": (SEE, pk_of("followed_placement"), True),
    "documents:detail": (SEE, pk_of("doc_issued"), True),
    "documents:edit": (SEE, pk_of("doc_draft"), True),
    "documents:approve": (DRAFT_POST, pk_of("doc_draft"), False),
    "documents:issue": (STAFF_POST, pk_of("doc_approved"), False),
    "documents:reissue": (STAFF_POST, pk_of("doc_issued"), False),
    "documents:send": (STAFF_POST, pk_of("doc_issued"), False),
    "documents:download": (STAFF, pk_of("doc_issued"), False),
    "documents:cohort_documents": (STAFF, pk_of("cohort"), True),
    "documents:batch_create": (STAFF_POST, pk_of("cohort"), False),
    "documents:batch_detail": (STAFF, pk_of("doc_batch"), True),
    "documents:batch_download": (STAFF, pk_of("doc_batch"), False),
    # Leads only; the other operator's lead edits their own operator's letterhead.
    "documents:letterhead": ((302, 200, 403, 403, 403, 200, 403), None, True),
    "documents:verify": (PUBLIC, None, True),
    "documents:public_download": (PUBLIC, lambda w: {"token": w.objects["doc_token"]}, True),
}
