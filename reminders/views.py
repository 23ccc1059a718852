from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.forms import call_service
from core.http import MemberRequest, SignedInRequest
from core.permissions import requires

from . import services, tasks
from .filters import SentLogFilter, UpcomingFilter
from .forms import PreferenceForm
from .presentation import describe
from .selectors import preference_of, sent_log_of, undeliverable_of, upcoming_for

PAGE_SIZE = 25
LOG_PAGE_SIZE = 50


# Every signed-in user may see and set their own reminders (LoginRequiredMiddleware); both pages
# read only rows of request.user, so there is nothing of anyone else's to protect.
@require_GET
def upcoming(request: SignedInRequest) -> HttpResponse:
    reminders = UpcomingFilter(request.GET, queryset=upcoming_for(user=request.user))
    page = Paginator(reminders.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(reminder, describe(reminder)) for reminder in page]
    template = "reminders/upcoming.html" + ("#results" if request.htmx else "")
    return render(request, template, {"filter": reminders, "page": page, "rows": rows})


def preferences(request: SignedInRequest) -> HttpResponse:
    preference = preference_of(user=request.user)
    form = PreferenceForm.for_preference(preference, request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.preference_update,
            user=request.user,
            delivery=form.cleaned_data["delivery"],
            muted_kinds=form.muted_kinds,
            language=form.cleaned_data["language"],
        )
        if saved:
            # Kinds switched back on are planned by a full run, after this commit.
            tasks.plan_reminders.delay_on_commit()
            messages.success(request, _("Your reminder settings were saved."))
            return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})


@requires("members.manage")
@require_GET
def sent_log(request: MemberRequest) -> HttpResponse:
    operator = request.membership.operator
    log = SentLogFilter(request.GET, queryset=sent_log_of(operator=operator))
    page = Paginator(log.qs, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    if request.htmx:
        return render(request, "reminders/sent_log.html#results", {"filter": log, "page": page})
    # Rows the sender gave up on are never lost silently: the lead sees them here.
    failed = undeliverable_of(operator=operator, max_attempts=services.MAX_ATTEMPTS)[:50]
    context = {"filter": log, "page": page, "failed": failed}
    return render(request, "reminders/sent_log.html", context)
