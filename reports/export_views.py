"""The placement report and the funder report, as pages and as CSV, XLSX and PDF downloads.

Downloads are built from the same filtered, scoped queryset as the page; each one writes one
audit entry (format and row count; for CSV and XLSX, which hold names, the candidates' ids).
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_POST

from core.http import MemberRequest
from core.permissions import requires
from core.services import audit_access, audit_log
from placements.models import Placement
from programs.selectors import get_programme_for

from . import exports, selectors, services, tasks
from .export_forms import PeriodForm, PeriodFormBase, PlacementReportFilter
from .pdf import render_pdf

PAGE_SIZE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report_filter(request: MemberRequest) -> PlacementReportFilter:
    membership = request.membership
    return PlacementReportFilter(
        request.GET,
        queryset=exports.placement_report(membership),
        operator_id=membership.operator_id,
        request=request,
    )


def _log_export(
    request: MemberRequest,
    *,
    report: str,
    fmt: str,
    rows: int,
    placements: QuerySet[Placement] | None = None,
) -> None:
    """One audit entry per download. An export with names (``placements`` given) is a read of
    each candidate in it: the entry names them (see ``core.services.audit_access``)."""
    data = {"report": report, "format": fmt, "rows": rows}
    if placements is None:
        audit_log(
            actor=request.user,
            operator=request.membership.operator_id,
            action="reports.export",
            data=data,
        )
        return
    filters = request.GET.copy()
    filters.pop("page", None)
    audit_access(
        actor=request.user,
        operator=request.membership.operator_id,
        action="reports.export",
        candidate_ids=placements.order_by().values_list("candidate_id", flat=True).distinct(),
        data=data,
        filters={key: str(filters.get(key, "")) for key in filters},
    )


def _download[R: HttpResponseBase](response: R, stem: str, extension: str) -> R:
    # Built from a fixed stem and today's date, never from user input.
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{stem}-{day}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


def _export_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- The placement report -------------------------------------------------------------------


@requires("placements.manage")
@require_GET
def placement_report(request: MemberRequest) -> HttpResponse:
    report = _report_filter(request)
    page = Paginator(report.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    exports.label_exit_outcomes(page.object_list)
    context = {"filter": report, "page": page, "export_query": _export_query(request)}
    template = "reports/exports/placements.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@requires("placements.manage")
@require_GET
def placement_report_csv(request: MemberRequest) -> StreamingHttpResponse:
    placements = _report_filter(request).qs
    _log_export(
        request, report="placements", fmt="csv", rows=placements.count(), placements=placements
    )
    delimiter = "," if request.GET.get("sep") == "comma" else ";"
    chunks = exports.csv_stream(placements, delimiter=delimiter)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    return _download(response, "placements", "csv")


@requires("placements.manage")
@require_GET
def placement_report_xlsx(request: MemberRequest) -> HttpResponse:
    placements = _report_filter(request).qs
    rows = placements.count()
    if rows > exports.XLSX_INLINE_LIMIT:
        # Too large to build during the request: offer to build it in the background.
        context = {"rows": rows, "query": _export_query(request)}
        return render(request, "reports/exports/xlsx_job_confirm.html", context)
    _log_export(request, report="placements", fmt="xlsx", rows=rows, placements=placements)
    body = exports.placements_xlsx(exports.report_rows(placements))
    return _download(HttpResponse(body, content_type=XLSX_TYPE), "placements", "xlsx")


@requires("placements.manage")
@require_GET
def placement_report_pdf(request: MemberRequest) -> HttpResponse:
    report = _report_filter(request)
    summary = exports.placement_summary(report.qs)
    _log_export(request, report="placements", fmt="pdf", rows=summary.total)
    active = [
        (report.form[name].label, report.form.cleaned_data[name])
        for name in report.form.fields
        if report.form.is_valid() and report.form.cleaned_data.get(name) not in (None, "")
    ]
    body = render_pdf(
        template_name="reports/exports/placements_pdf.html",
        context={"summary": summary, "filters": active, "today": timezone.localdate()},
    )
    return _download(HttpResponse(body, content_type="application/pdf"), "placements", "pdf")


@requires("placements.manage")
@require_POST
def export_job_create(request: MemberRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        with transaction.atomic():
            job = services.export_job_create(
                membership=request.membership,
                query=query,
                language=translation.get_language() or "nb",
            )
            transaction.on_commit(partial(tasks.build_export.delay, job.pk))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("reports:placements") + (f"?{query}" if query else ""))
    return redirect("reports:export_job", pk=job.pk)


@requires("placements.manage")
@require_GET
def export_job(request: MemberRequest, pk: int) -> HttpResponse:
    job = selectors.get_export_job_for(request.membership, pk)
    template = "reports/exports/export_job.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"job": job})


@requires("placements.manage")
@require_GET
def export_job_download(request: MemberRequest, pk: int) -> HttpResponse:
    job = selectors.get_export_job_for(request.membership, pk)
    try:
        filename, body = services.export_job_content(
            job=job,
            membership=request.membership,
        )
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
        return redirect("reports:export_job", pk=job.pk)
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- The funder report ----------------------------------------------------------------------


def _funder(request: MemberRequest, pk: int) -> tuple[PeriodFormBase, exports.FunderReport]:
    programme = get_programme_for(request.membership, pk)
    form = PeriodForm(request.GET or None)
    starts_on, ends_on = form.period()
    report = exports.funder_report(
        programme,
        request.membership,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    return form, report


@requires("programmes.view")
@require_GET
def funder_report(request: MemberRequest, pk: int) -> HttpResponse:
    form, report = _funder(request, pk)
    context = {"form": form, "report": report, "export_query": request.GET.urlencode()}
    return render(request, "reports/exports/funder.html", context)


@requires("programmes.view")
@require_GET
def funder_report_xlsx(request: MemberRequest, pk: int) -> HttpResponse:
    _form, report = _funder(request, pk)
    _log_export(request, report="funder", fmt="xlsx", rows=0)
    body = exports.funder_xlsx(report)
    return _download(HttpResponse(body, content_type=XLSX_TYPE), f"funder-{pk}", "xlsx")


@requires("programmes.view")
@require_GET
def funder_report_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    _form, report = _funder(request, pk)
    _log_export(request, report="funder", fmt="pdf", rows=0)
    body = render_pdf(
        template_name="reports/exports/funder_pdf.html",
        context={"report": report, "today": timezone.localdate()},
    )
    return _download(HttpResponse(body, content_type="application/pdf"), f"funder-{pk}", "pdf")
