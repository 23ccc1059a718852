"""The candidate's copy: a one-time link by e-mail (never the PDF itself), valid 14 days."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.emails import absolute_url, make_message
from core.models import Membership, User
from core.services import audit_log

from ..models import Document, DownloadLink
from .documents import issued_pdf, may_issue, require

LINK_LIFETIME = datetime.timedelta(days=14)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def download_link_create(*, document: Document, by: User) -> tuple[DownloadLink, str]:
    """A one-time link for the document; the raw token is returned once and never stored."""
    if document.status != Document.Status.ISSUED:
        raise ValidationError(_("Only the current issued version can be sent."))
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = DownloadLink.objects.create(
        document=document,
        token_hash=_token_hash(token),
        created_by=by,
        created_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    return link, token


def send_document_link(*, document: Document, link: DownloadLink, token: str) -> None:
    """E-mail the candidate the link, in the document's language. Never the PDF itself."""
    candidate = document.placement.candidate
    path = reverse("documents:public_download", kwargs={"token": token})
    with translation.override(document.language):
        context = {
            "operator_name": document.issuer_name,
            "kind": document.get_kind_display(),
            "link": absolute_url(path),
            "expires_at": timezone.localtime(link.expires_at),
            "LANGUAGE_CODE": document.language,
        }
        make_message("document-link", [candidate.email], context).send()


@transaction.atomic
def document_send(*, document: Document, membership: Membership) -> DownloadLink:
    """Make a one-time link and e-mail it to the candidate once the transaction commits."""
    require(may_issue(membership, document.operator_id))
    candidate = document.placement.candidate
    if not candidate.email:
        raise ValidationError(_("The candidate has no e-mail address."))
    link, token = download_link_create(document=document, by=membership.user)
    audit_log(
        actor=membership.user,
        operator=document.operator_id,
        action="reports.document.sent",
        obj=document,
        data={"link": link.pk},
    )
    transaction.on_commit(lambda: send_document_link(document=document, link=link, token=token))
    return link


class LinkUnusable(Exception):
    """The link is unknown (``gone`` False) or expired or already used (``gone`` True)."""

    def __init__(self, gone: bool) -> None:
        super().__init__("gone" if gone else "unknown")
        self.gone = gone


def download_link_find(token: str) -> DownloadLink:
    """The usable link for a token, or LinkUnusable."""
    link = (
        DownloadLink.objects.select_related("document")
        .defer("document__pdf")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if link is None:
        raise LinkUnusable(gone=False)
    if link.used_at is not None or link.expires_at <= timezone.now():
        raise LinkUnusable(gone=True)
    return link


@transaction.atomic
def download_link_use(*, token: str) -> tuple[Document, str, bytes]:
    """Spend the one-time link and return (document, filename, pdf); a second use fails."""
    link = download_link_find(token)
    now = timezone.now()
    spent = DownloadLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now)
    if spent.update(used_at=now) != 1:
        raise LinkUnusable(gone=True)
    document = link.document
    audit_log(
        actor=None,
        operator=document.operator_id,
        action="reports.document.downloaded_by_link",
        obj=document,
        data={"link": link.pk},
    )
    return document, document.filename, issued_pdf(document)
