"""The lead's side: the operator's submissions from host units, and one submission to accept
(after any changes), or decline with a reason the host sees. Leads and coordinators, like the
positions the submissions become."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import ModelForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import call_service
from core.http import MemberRequest
from core.permissions import requires

from . import selectors, services
from .forms import FORMS, DeclineForm
from .models import Submission

PAGE_SIZE = 25


@requires("hostunits.manage")
@require_GET
def review_list(request: MemberRequest) -> HttpResponse:
    """Pending submissions, oldest first; ``?status=all`` shows the answered ones too."""
    show_all = request.GET.get("status") == "all"
    rows = (
        selectors.submissions_for(request.membership)
        if show_all
        else selectors.pending_for(request.membership)
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "hostportal/review_list.html", {"page": page, "show_all": show_all})


def _form(item: Submission, data: Any = None) -> ModelForm:
    form_class: Any = FORMS[item.kind]
    extra = {"programme": item.programme} if item.kind == Submission.Kind.NEED else {}
    return form_class(data, instance=item, **extra)


def _page(
    request: MemberRequest, item: Submission, form: ModelForm, decline: DeclineForm
) -> HttpResponse:
    context = {"item": item, "form": form, "decline": decline}
    return render(request, "hostportal/review.html", context)


@requires("hostunits.manage")
@require_http_methods(["GET", "POST"])
def review(request: MemberRequest, pk: int) -> HttpResponse:
    """GET: the submission as an editable form; POST: accept it with what the form holds."""
    item = selectors.get_submission_for(request.membership, pk)
    form = _form(item, request.POST or None)
    if request.method == "POST" and not item.is_pending:
        messages.error(request, _("This submission has already been answered."))
        return redirect("hostreview:review", pk=item.pk)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.FIELDS[item.kind]}
        fresh = selectors.get_submission_for(request.membership, pk)
        done = call_service(
            form, services.submission_accept, submission=fresh, by=request.user, **fields
        )
        if done:
            messages.success(request, _("Accepted. The host unit can see the answer."))
            return redirect("hostreview:list")
    return _page(request, item, form, DeclineForm())


@requires("hostunits.manage")
@require_POST
def decline(request: MemberRequest, pk: int) -> HttpResponse:
    item = selectors.get_submission_for(request.membership, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            services.submission_decline,
            submission=item,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        if done:
            messages.success(request, _("Declined. The host unit can see your reason."))
            return redirect("hostreview:list")
    return _page(request, item, _form(item), form)
