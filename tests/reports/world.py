"""Documents in the test world, all for the world's operator.

All on the placement the world's mentor supervises (``followed_placement``; other areas' tests
may delete the unsupervised one): an issued attest with a one-time candidate link, a reference
issued by a finished batch job of the world's cohort, an approved reference and a draft attest.

PDFs here come from a stub renderer: the world is built for most tests in the suite and must not
pay for WeasyPrint. Real renders are tested in tests/reports/test_documents.py.
"""

from reports.models import Document
from reports.renderers import document_filename
from reports.services import (
    batch_create,
    batch_run,
    document_approve,
    document_create,
    document_issue,
    download_link_create,
)

STUB_PDF = b"%PDF-1.7\n% Springbrett test stub, not a rendered document\n%%EOF\n"


class StubRenderer:
    """Satisfies reports.pdf.Renderer without rendering (for fixtures only)."""

    def render(self, document: Document) -> tuple[str, bytes]:
        return document_filename(document), STUB_PDF


REFERENCE_TEXT = {
    "tasks": "Saksbehandling og kundemottak.",
    "assessment": "Pålitelig, lærevillig og godt likt av kollegaene.",
    "referee_name": "Kari Haugen",
    "referee_contact": "kari@example.org",
}


def extend(world) -> None:  # type: ignore[no-untyped-def]
    lead = world.users["lead"].memberships.get()
    followed = world.objects["followed_placement"]
    stub = StubRenderer()

    issued = document_create(
        placement=followed, kind="attest", membership=lead, tasks="Arkiv og resepsjon."
    )
    document_approve(document=issued, membership=lead)
    issued = document_issue(document=issued, membership=lead, renderer=stub)
    _link, token = download_link_create(document=issued, by=lead.user)

    batch_document = document_create(
        placement=followed, kind="reference", membership=lead, **REFERENCE_TEXT
    )
    document_approve(document=batch_document, membership=lead)
    job = batch_create(cohort=world.objects["cohort"], membership=lead)
    batch_run(job_id=job.pk, renderer=stub)

    # Made after the batch ran, so they stay approved and draft.
    approved = document_create(
        placement=followed, kind="reference", membership=lead, **REFERENCE_TEXT
    )
    approved = document_approve(document=approved, membership=lead)
    draft = document_create(placement=followed, kind="attest", membership=lead)

    world.objects.update(
        doc_issued=issued,
        doc_token=token,
        doc_batch=job,
        doc_batch_document=batch_document,
        doc_approved=approved,
        doc_draft=draft,
    )
