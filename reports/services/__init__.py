"""Writes for documents (one module per area, re-exported here).

Who may do what is decided in ``documents`` from the membership's role, so every caller (views,
the batch task, the demo seed) gets the same answer.
"""

from .batches import batch_create, batch_run, batch_zip
from .delivery import (
    LINK_LIFETIME,
    LinkUnusable,
    document_send,
    download_link_create,
    download_link_find,
    download_link_use,
    send_document_link,
)
from .documents import (
    DRAFT_FIELDS,
    document_approve,
    document_create,
    document_initial,
    document_issue,
    document_pdf_read,
    document_reissue,
    document_update,
    may_approve,
    may_draft,
    may_issue,
    new_code,
)
from .export_jobs import (
    export_job_content,
    export_job_create,
    export_job_run,
    purge_old_exports,
)
from .letterheads import letterhead_save

__all__ = [
    "DRAFT_FIELDS",
    "LINK_LIFETIME",
    "LinkUnusable",
    "batch_create",
    "batch_run",
    "batch_zip",
    "document_approve",
    "document_create",
    "document_initial",
    "document_issue",
    "document_pdf_read",
    "document_reissue",
    "document_send",
    "document_update",
    "download_link_create",
    "download_link_find",
    "download_link_use",
    "export_job_content",
    "export_job_create",
    "export_job_run",
    "letterhead_save",
    "may_approve",
    "may_draft",
    "may_issue",
    "new_code",
    "purge_old_exports",
    "send_document_link",
]
