import base64
import hashlib
import hmac
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.services import candidate_viewed
from core.forms import call_service
from core.http import MemberRequest
from core.permissions import has_capability, requires
from placements.selectors import get_placement_for
from programs.selectors import get_cohort_for

from . import selectors, services, tasks
from .forms import (
    LETTERHEAD_FIELDS,
    MAX_PDF_UPLOAD_BYTES,
    DocumentForm,
    LetterheadForm,
    VerifyForm,
)
from .logos import logo_data_url
from .models import Document

PAGE_SIZE = 50
# Public verification: 20 lookups per client address per 10 minutes. A code has ~50 bits, so
# this is about keeping scrapers off the holders' names, not about guessing.
VERIFY_LIMIT = 20
VERIFY_WINDOW = 600


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _detail(document: Document) -> HttpResponse:
    return redirect("documents:detail", pk=document.pk)


# --- Documents of a placement -------------------------------------------------------------


@requires("placements.view")
@require_GET
def placement_documents(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    placement = get_placement_for(membership, pk)
    candidate_viewed(candidate=placement.candidate, by=request.user, what="documents")
    documents = selectors.documents_of_placement(membership, placement)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "placement": placement,
        "page": page,
        "can_draft": has_capability(membership, "followup.write"),
    }
    return render(request, "reports/placement_documents.html", context)


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", Document.Kind.ATTEST)
    if kind not in Document.Kind.values:
        raise Http404
    return kind


@requires("followup.write")
def document_create(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    placement = get_placement_for(membership, pk)
    if not services.may_draft(membership, placement):
        raise PermissionDenied
    kind = _kind(request)
    form = DocumentForm(
        request.POST or None, kind=kind, initial=services.document_initial(placement, kind)
    )
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            services.document_create,
            placement=placement,
            kind=kind,
            membership=membership,
            **form.cleaned_data,
        )
        if document:
            messages.success(request, _("The draft was saved."))
            return _detail(document)
    context = {
        "form": form,
        "placement": placement,
        "title": _("New certificate of service")
        if kind == Document.Kind.ATTEST
        else _("New reference"),
    }
    return render(request, "reports/document_form.html", context)


@requires("placements.view")
@require_GET
def document_detail(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    document = selectors.get_document_for(membership, pk)
    candidate_viewed(candidate=document.placement.candidate, by=request.user, what="document_text")
    may_draft = has_capability(membership, "followup.write")
    may_issue = services.may_issue(membership, document.operator_id)
    is_current = document.status == Document.Status.ISSUED
    context = {
        "document": document,
        "placement": document.placement,
        "can_edit": document.is_editable and may_draft,
        "can_approve": document.status == Document.Status.DRAFT
        and services.may_approve(membership, document),
        "can_issue": document.status == Document.Status.APPROVED and may_issue,
        "can_download": document.is_final and may_issue,
        "can_send": is_current and may_issue,
        "can_reissue": is_current and may_issue and not hasattr(document, "next_version"),
    }
    return render(request, "reports/document_detail.html", context)


@requires("followup.write")
def document_edit(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    document = selectors.get_document_for(membership, pk)
    if not services.may_draft(membership, document.placement):
        raise PermissionDenied
    if not document.is_editable:
        messages.error(request, _("An issued document cannot change. Make a new version instead."))
        return _detail(document)
    initial = {name: getattr(document, name) for name in services.DRAFT_FIELDS}
    form = DocumentForm(request.POST or None, kind=document.kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        updated = call_service(
            form, services.document_update, document=document, membership=membership, **changed
        )
        if updated:
            if document.status == Document.Status.APPROVED and updated.status != document.status:
                messages.warning(request, _("The document was changed and must be approved again."))
            else:
                messages.success(request, _("The draft was saved."))
            return _detail(updated)
    context = {
        "form": form,
        "placement": document.placement,
        "document": document,
        "title": _("Edit draft"),
    }
    return render(request, "reports/document_form.html", context)


def _transition(request: MemberRequest, pk: int, action, success: str) -> HttpResponse:
    document = selectors.get_document_for(request.membership, pk)
    try:
        result = action(document=document, membership=request.membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _detail(document)
    messages.success(request, success)
    return _detail(result)


@requires("followup.write")
@require_POST
def document_approve(request: MemberRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.document_approve, _("The document was approved."))


@requires("placements.manage")
@require_POST
def document_issue(request: MemberRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.document_issue, _("The document was issued."))


@requires("placements.manage")
@require_POST
def document_reissue(request: MemberRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        services.document_reissue,
        _("A new draft version was made. The old one stays valid until the new one is issued."),
    )


@requires("placements.manage")
@require_POST
def document_send(request: MemberRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for(request.membership, pk)
    try:
        services.document_send(document=document, membership=request.membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The candidate gets an e-mail with a download link that works once.")
        )
    return _detail(document)


@requires("placements.manage")
@require_GET
def document_download(request: MemberRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for(request.membership, pk)
    if not document.is_final:
        raise Http404
    filename, pdf = services.document_pdf_read(document=document, by=request.user)
    return _attachment(pdf, filename, "application/pdf")


# --- Cohorts and batches ------------------------------------------------------------------


@requires("placements.manage")
@require_GET
def cohort_documents(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    cohort = get_cohort_for(membership, pk)
    documents = list(selectors.cohort_documents(membership, cohort))
    context = {
        "cohort": cohort,
        "documents": documents,
        "approved": sum(d.status == Document.Status.APPROVED for d in documents),
        "batches": list(selectors.batches_for(membership).filter(cohort=cohort)[:5]),
    }
    return render(request, "reports/cohort_documents.html", context)


@requires("placements.manage")
@require_POST
def batch_create(request: MemberRequest, pk: int) -> HttpResponse:
    cohort = get_cohort_for(request.membership, pk)
    try:
        with transaction.atomic():
            job = services.batch_create(cohort=cohort, membership=request.membership)
            transaction.on_commit(partial(tasks.issue_batch.delay, job.pk))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:cohort_documents", pk=cohort.pk)
    return redirect("documents:batch_detail", pk=job.pk)


@requires("placements.manage")
@require_GET
def batch_detail(request: MemberRequest, pk: int) -> HttpResponse:
    job = selectors.get_batch_for(request.membership, pk)
    template = "reports/batch_detail.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"job": job})


@requires("placements.manage")
@require_GET
def batch_download(request: MemberRequest, pk: int) -> HttpResponse:
    job = selectors.get_batch_for(request.membership, pk)
    if not job.is_finished:
        messages.info(request, _("The documents are still being issued."))
        return redirect("documents:batch_detail", pk=job.pk)
    filename, archive = services.batch_zip(job=job, by=request.user)
    return _attachment(archive, filename, "application/zip")


# --- Letterhead ---------------------------------------------------------------------------


@requires("programmes.manage")
def letterhead(request: MemberRequest) -> HttpResponse:
    operator = request.membership.operator
    current = selectors.letterhead_of(operator)
    initial = {"name": operator.name}
    if current is not None:
        initial = {name: getattr(current, name) for name in LETTERHEAD_FIELDS}
    form = LetterheadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if call_service(form, services.letterhead_save, operator=operator, by=request.user, **data):
            messages.success(request, _("The letterhead was saved."))
            return redirect("documents:letterhead")
    logo = None
    if current is not None and current.logo:
        try:
            with current.logo.open("rb") as handle:
                logo = logo_data_url(handle.read())
        except OSError:
            logo = None
    return render(
        request, "reports/letterhead.html", {"form": form, "letterhead": current, "logo": logo}
    )


# --- Public pages -------------------------------------------------------------------------


def _over_limit(request: HttpRequest, bucket: str, limit: int, window: int) -> bool:
    """Count one request for the client address in a fixed window; True once over ``limit``."""
    address = request.META.get("REMOTE_ADDR", "")
    # The address is hashed so the cache holds no personal data in clear.
    digest = base64.urlsafe_b64encode(hashlib.sha256(address.encode()).digest()[:12]).decode()
    key = f"reports:limit:{bucket}:{digest}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window)
        count = 1
    return count > limit


def _sha256(upload) -> str:  # type: ignore[no-untyped-def]
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone with a code sees kind, holder, issuer, date and whether it is still current."""
    # Refuse a body far over the 5 MB PDF cap before Django spools it to disk.
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PDF_UPLOAD_BYTES + 64 * 1024:
        return HttpResponse(_("The file is larger than 5 MB."), status=413)
    code = request.POST.get("code") or request.GET.get("code") or ""
    form = VerifyForm(request.POST or None, request.FILES or None, initial={"code": code})
    context: dict[str, object] = {"form": form}
    if code.strip() and (request.method == "GET" or form.is_valid()):
        if _over_limit(request, "verify", VERIFY_LIMIT, VERIFY_WINDOW):
            context["limited"] = True
            response = render(request, "reports/verify.html", context, status=429)
            response["Retry-After"] = str(VERIFY_WINDOW)
            return response
        document = selectors.document_by_code(code)
        context.update(looked_up=True, result=document)
        upload = form.cleaned_data.get("pdf") if form.is_bound else None
        if document is not None and upload is not None:
            context["matches"] = hmac.compare_digest(_sha256(upload), document.sha256)
    return render(request, "reports/verify.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def public_download(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link: GET shows a button (mail scanners follow links), POST spends it."""
    try:
        link = services.download_link_find(token)
        if request.method == "POST":
            _document, filename, pdf = services.download_link_use(token=token)
            return _attachment(pdf, filename, "application/pdf")
    except services.LinkUnusable as exc:
        status = 410 if exc.gone else 404
        return render(request, "reports/public_download.html", {"gone": True}, status=status)
    return render(request, "reports/public_download.html", {"link": link})
