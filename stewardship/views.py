"""The retention policy page and its preview: what a run would anonymise and delete."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.forms import RetentionPolicyForm, call_service
from core.http import MemberRequest
from core.permissions import requires
from core.services import retention_policy_save

from .retention import REPORT_LABELS, last_run_of, policy_for, retention_run


def _report_rows(data: dict[str, int]) -> list[tuple[str, int]]:
    return [(str(label), data.get(key, 0)) for key, label in REPORT_LABELS.items()]


@requires("privacy.retention")
def retention(request: MemberRequest) -> HttpResponse:
    """The operator's retention periods, and what the last nightly run did."""
    operator = request.membership.operator
    form = RetentionPolicyForm(request.POST or None, instance=policy_for(operator))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if call_service(form, retention_policy_save, operator=operator, by=request.user, **fields):
            messages.success(request, _("The retention policy was saved."))
            return redirect("stewardship:retention")
    last_run = last_run_of(operator)
    context = {
        "form": form,
        "last_run": last_run,
        "last_report": _report_rows(last_run.data) if last_run else [],
    }
    return render(request, "stewardship/retention.html", context)


@requires("privacy.retention")
@require_GET
def retention_preview(request: MemberRequest) -> HttpResponse:
    """What a run today would do, counted without changing anything."""
    today = timezone.localdate()
    operator = request.membership.operator
    report = retention_run(operator=operator, today=today, dry_run=True)
    context = {"today": today, "report": _report_rows(report.as_dict())}
    return render(request, "stewardship/retention_preview.html", context)
