from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.selectors import candidates_for, get_candidate_for, get_candidate_named_for
from candidates.services import candidate_viewed
from core.forms import call_service, id_param
from core.http import MemberRequest
from core.pagination import UncountedPaginator
from core.permissions import has_capability, requires
from placements.selectors import get_placement_for, placements_for
from programs.selectors import get_programme_for

from . import selectors, services
from .forms import (
    EvaluationForm,
    MentorshipEndForm,
    MentorshipForm,
    MilestoneDoneForm,
    MilestoneTemplateForm,
    MineFilter,
    NoteFilter,
    NoteForm,
)
from .models import Evaluation, FollowUpNote

PAGE_SIZE = 25


def _page(request: HttpRequest, queryset):
    return UncountedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _results_or_page(request: MemberRequest, template: str) -> str:
    """htmx filter requests get only the results partial."""
    return f"{template}#results" if request.htmx else template


def _safe_next(request: HttpRequest, fallback: str) -> str:
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return fallback


# --- My candidates --------------------------------------------------------------------------


@requires("followup.write")
@require_GET
def mine(request: MemberRequest) -> HttpResponse:
    today = timezone.localdate()
    candidates = MineFilter(
        request.GET, queryset=selectors.my_candidates(request.membership, today)
    )
    page = _page(request, candidates.qs)
    rows = [(candidate, selectors.next_milestone(candidate, today)) for candidate in page]
    context = {"filter": candidates, "page": page, "rows": rows, "today": today}
    return render(request, _results_or_page(request, "mentors/mine.html"), context)


# --- Mentorships ----------------------------------------------------------------------------


@requires("mentoring.manage")
def mentorship_create(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    candidate = None
    candidate_id = id_param(request.POST.get("candidate") or request.GET.get("candidate"))
    if candidate_id is not None:
        candidate = get_candidate_for(membership, candidate_id)
    form = MentorshipForm(
        request.POST or None,
        initial={"candidate": candidate, "starts_on": timezone.localdate()},
        operator_id=membership.operator_id,
        candidates=candidates_for(membership),
    )
    if request.method == "POST" and form.is_valid():
        mentorship = call_service(
            form, services.mentorship_create, by=request.user, **form.cleaned_data
        )
        if mentorship:
            messages.success(request, _("The mentor was assigned."))
            return redirect("mentors:candidate_timeline", pk=mentorship.candidate_id)
    cancel = (
        reverse("mentors:candidate_timeline", kwargs={"pk": candidate.pk})
        if candidate
        else reverse("candidates:list")
    )
    return render(
        request,
        "mentors/mentorship_form.html",
        {"form": form, "candidate": candidate, "cancel_url": cancel},
    )


@requires("mentoring.manage")
@require_POST
def mentorship_end(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship = selectors.get_mentorship_for(request.membership, pk)
    form = MentorshipEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the last day of the mentorship."))
    else:
        try:
            services.mentorship_end(
                mentorship=mentorship, ends_on=form.cleaned_data["ends_on"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The mentorship was ended."))
    return redirect("mentors:candidate_timeline", pk=mentorship.candidate_id)


# --- Follow-up notes and timelines ----------------------------------------------------------


@requires("candidates.view")
@require_GET
def candidate_timeline(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    candidate = get_candidate_named_for(membership, pk)
    candidate_viewed(candidate=candidate, by=request.user, what="notes")
    notes = NoteFilter(
        request.GET, queryset=selectors.notes_visible_to(membership, candidate=candidate)
    )
    context = {
        "candidate": candidate,
        "filter": notes,
        "page": _page(request, notes.qs),
        # the side panel's columns only (templates/mentors/candidate_timeline.html)
        "placements": placements_for(membership)
        .filter(candidate=candidate)
        .select_related("host_unit", "programme")
        .only(*selectors.PANEL_PLACEMENT_COLUMNS),
        "mentorships": selectors.mentorships_of(candidate).only(
            *selectors.PANEL_MENTORSHIP_COLUMNS
        ),
        "today": timezone.localdate(),
        "can_manage": has_capability(membership, "mentoring.manage"),
        "can_write": has_capability(membership, "followup.write"),
    }
    return render(request, _results_or_page(request, "mentors/candidate_timeline.html"), context)


@requires("placements.view")
@require_GET
def placement_timeline(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    placement = get_placement_for(membership, pk)
    candidate_viewed(candidate=placement.candidate, by=request.user, what="notes")
    today = timezone.localdate()
    notes = NoteFilter(
        request.GET, queryset=selectors.notes_visible_to(membership, placement=placement)
    )
    context = {
        "placement": placement,
        "candidate": placement.candidate,
        "filter": notes,
        "page": _page(request, notes.qs),
        "milestones": selectors.with_states(selectors.milestones_of(placement), today),
        "evaluation_kinds": selectors.EVALUATION_KINDS,
        "today": today,
        "can_write": has_capability(membership, "followup.write"),
    }
    return render(request, _results_or_page(request, "mentors/placement_timeline.html"), context)


@requires("followup.write")
def note_create(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    candidate = get_candidate_for(membership, pk)
    placements = placements_for(membership).filter(candidate=candidate).select_related("host_unit")
    initial = {
        "written_on": timezone.localdate(),
        "kind": FollowUpNote.Kind.CONVERSATION,
        "placement": request.GET.get("placement"),
    }
    form = NoteForm(request.POST or None, initial=initial, placements=placements)
    if request.method == "POST" and form.is_valid():
        note = call_service(
            form,
            services.note_create,
            candidate=candidate,
            author=request.user,
            **form.cleaned_data,
        )
        if note:
            messages.success(request, _("The note was saved."))
            if note.placement_id:
                return redirect("mentors:placement_timeline", pk=note.placement_id)
            return redirect("mentors:candidate_timeline", pk=candidate.pk)
    return render(request, "mentors/note_form.html", {"form": form, "candidate": candidate})


# --- Milestone plan and milestones ----------------------------------------------------------


@requires("mentoring.manage")
def milestone_plan(request: MemberRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.membership, pk)
    form = MilestoneTemplateForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.milestone_template_add,
            programme=programme,
            by=request.user,
            **form.cleaned_data,
        )
        is not None
    ):
        messages.success(
            request, _("The milestone was added; open milestones of current placements moved.")
        )
        return redirect("mentors:milestone_plan", pk=programme.pk)
    context = {
        "programme": programme,
        "templates": selectors.milestone_plan_of(programme),
        "form": form,
    }
    return render(request, "mentors/milestone_plan.html", context)


@requires("mentoring.manage")
@require_POST
def milestone_template_remove(request: MemberRequest, pk: int) -> HttpResponse:
    template = selectors.get_milestone_template_for(request.membership, pk)
    programme_id = template.programme_id
    services.milestone_template_remove(template=template, by=request.user)
    messages.success(
        request, _("The milestone was removed; open milestones of current placements moved.")
    )
    return redirect("mentors:milestone_plan", pk=programme_id)


@requires("followup.write")
@require_POST
def milestone_done(request: MemberRequest, pk: int) -> HttpResponse:
    milestone = selectors.get_milestone_for(request.membership, pk)
    form = MilestoneDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date."))
    else:
        try:
            services.milestone_mark_done(
                milestone=milestone, by=request.user, on=form.cleaned_data["on"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The milestone is done."))
    fallback = reverse("mentors:placement_timeline", kwargs={"pk": milestone.placement_id})
    # Not redirect(): it would try a non-URL ``next`` as a view name (NoReverseMatch).
    return HttpResponseRedirect(_safe_next(request, fallback))


# --- Evaluations ----------------------------------------------------------------------------


@requires("followup.write")
def evaluation_fill(request: MemberRequest, pk: int) -> HttpResponse:
    milestone = selectors.get_evaluation_milestone_for(request.membership, pk)
    placement = milestone.placement
    evaluations = selectors.evaluations_of(milestone)
    own = evaluations.get(Evaluation.Respondent.MENTOR)
    if own is not None and own.submitted_at is not None and request.method == "GET":
        return redirect("mentors:evaluation_compare", pk=milestone.pk)
    template = services.evaluation_template_default(
        operator=placement.candidate.operator_id, kind=milestone.kind
    )
    form = EvaluationForm(request.POST or None, questions=list(selectors.questions_of(template.pk)))
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.evaluation_submit,
            milestone=milestone,
            by=request.user,
            answers=form.answers(),
        )
        is not None
    ):
        messages.success(request, _("The evaluation was submitted."))
        return redirect("mentors:evaluation_compare", pk=milestone.pk)
    context = {
        "milestone": milestone,
        "placement": placement,
        "candidate": placement.candidate,
        "template": template,
        "form": form,
        "theirs": evaluations.get(Evaluation.Respondent.CANDIDATE),
        "now": timezone.now(),
    }
    return render(request, "mentors/evaluation_fill.html", context)


@requires("followup.write")
@require_POST
def evaluation_invite(request: MemberRequest, pk: int) -> HttpResponse:
    milestone = selectors.get_evaluation_milestone_for(request.membership, pk)
    try:
        token = services.evaluation_invite_candidate(milestone=milestone, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mentors:evaluation_fill", pk=milestone.pk)
    link = request.build_absolute_uri(reverse("mentors:evaluation_public", kwargs={"token": token}))
    context = {
        "milestone": milestone,
        "placement": milestone.placement,
        "candidate": milestone.placement.candidate,
        "link": link,
        "valid_days": services.INVITATION_DAYS,
    }
    return render(request, "mentors/evaluation_invited.html", context)


@requires("candidates.view")
@require_GET
def evaluation_compare(request: MemberRequest, pk: int) -> HttpResponse:
    milestone = selectors.get_evaluation_milestone_for(request.membership, pk)
    placement = milestone.placement
    candidate_viewed(candidate=placement.candidate, by=request.user, what="evaluation")
    evaluations, rows = selectors.comparison_rows(milestone)
    context = {
        "milestone": milestone,
        "placement": placement,
        "candidate": placement.candidate,
        "mentor_evaluation": evaluations.get(Evaluation.Respondent.MENTOR),
        "candidate_evaluation": evaluations.get(Evaluation.Respondent.CANDIDATE),
        "rows": rows,
        "can_write": has_capability(request.membership, "followup.write"),
    }
    return render(request, "mentors/evaluation_compare.html", context)


def _public(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def evaluation_public(request: HttpRequest, token: str) -> HttpResponse:
    """The candidate's one-time link: no account, no navigation, only the questions. A GET never
    uses up the link; a complete, valid POST does."""
    evaluation = selectors.evaluation_by_token(token)
    if evaluation is None:
        raise Http404
    if selectors.is_expired(evaluation):
        return _public(request, "mentors/evaluation_expired.html", {}, status=410)
    candidate = evaluation.placement.candidate
    form = EvaluationForm(
        request.POST or None, questions=list(selectors.questions_of(evaluation.template_id))
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit_by_token(token=token, answers=form.answers())
        except services.LinkExpired:
            return _public(request, "mentors/evaluation_expired.html", {}, status=410)
        except services.LinkUsed as exc:
            raise Http404 from exc
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _public(request, "mentors/evaluation_thanks.html", {})
    context = {
        "form": form,
        "first_name": candidate.preferred_name or candidate.given_name,
        "host_unit": evaluation.placement.host_unit.name,
    }
    return _public(request, "mentors/evaluation_public.html", context)
