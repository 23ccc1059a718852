from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from candidates.services import candidate_viewed
from core.forms import call_service
from core.http import MemberRequest
from core.models import Membership, User
from core.permissions import has_capability, requires
from programs.models import JobOpening, Position
from programs.selectors import get_programme_for

from . import selectors, services
from .forms import DismissForm, MentorProposeForm, WeightsForm
from .models import MatchWeights

PAGE_SIZE = 25
GETTERS: dict[str, Callable[[Membership, int], Position | JobOpening]] = {
    "position": selectors.get_position_for,
    "opening": selectors.get_opening_for,
}


def _target(request: MemberRequest, kind: str, pk: int) -> Position | JobOpening:
    getter = GETTERS.get(kind)
    if getter is None:
        raise Http404
    return getter(request.membership, pk)


def _back(request: MemberRequest, default: str) -> str:
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


@requires("matching.view")
@require_GET
def shortlist(request: MemberRequest, kind: str, pk: int) -> HttpResponse:
    target = _target(request, kind, pk)
    operator_id = request.membership.operator_id
    result = selectors.shortlist_for(target, operator_id)
    page = Paginator(result.matches, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "kind": kind,
        "target": target,
        "host": target.host_unit if kind == "position" else target.employer,  # type: ignore[union-attr]
        "page": page,
        "rows": selectors.with_candidates(list(page), operator_id),
        "total": len(result.matches),
        "weights": result.weights,
        "dismissed": list(selectors.dismissed_for(target)[:50]),
        "can_edit_weights": has_capability(request.membership, "matching.weights"),
    }
    return render(request, "matching/shortlist.html", context)


@requires("matching.view")
@require_POST
def propose(request: MemberRequest, kind: str, pk: int, candidate: int) -> HttpResponse:
    target = _target(request, kind, pk)
    person = selectors.get_candidate_for(request.membership, candidate)
    back = _back(request, reverse("matching:shortlist", kwargs={"kind": kind, "pk": pk}))
    match = selectors.match_one(target, person)
    if match is None:
        messages.error(request, _("The candidate no longer meets the hard requirements."))
        return redirect(back)
    try:
        services.match_propose(candidate=person, target=target, match=match, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if kind == "position":
        messages.success(
            request,
            _("%(name)s was proposed: the application is registered as screened.")
            % {"name": person.display_name},
        )
    else:
        messages.success(request, _("%(name)s was proposed.") % {"name": person.display_name})
    return redirect(back)


@requires("matching.view")
def dismiss(request: MemberRequest, kind: str, pk: int, candidate: int) -> HttpResponse:
    target = _target(request, kind, pk)
    person = selectors.get_candidate_for(request.membership, candidate)
    back = reverse("matching:shortlist", kwargs={"kind": kind, "pk": pk})
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            services.match_dismiss,
            candidate=person,
            target=target,
            match=selectors.match_one(target, person),
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        if done:
            messages.success(request, _("%(name)s was dismissed.") % {"name": person.display_name})
            return redirect(back)
    context = {"form": form, "target": target, "person": person, "cancel_url": back}
    return render(request, "matching/dismiss.html", context)


@requires("matching.view")
@require_POST
def undo_dismissal(request: MemberRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for(request.membership, pk)
    kind, target_pk = (
        ("position", decision.position_id)
        if decision.position_id
        else ("opening", decision.opening_id)
    )
    try:
        services.match_undo_dismissal(decision=decision, by=request.user)
        messages.success(request, _("The candidate is back on the shortlist."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if target_pk is None:
        return redirect("matching:mentors", pk=decision.candidate_id)
    return redirect("matching:shortlist", kind=kind, pk=target_pk)


@requires("matching.weights")
def weights(request: MemberRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.membership, pk)
    instance = MatchWeights.objects.filter(programme=programme).first() or MatchWeights(
        programme=programme
    )
    form = WeightsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if call_service(
            form, services.weights_save, programme=programme, by=request.user, **values
        ):
            messages.success(request, _("The matching weights were saved."))
            return redirect("programs:programme_detail", pk=programme.pk)
    context = {"form": form, "programme": programme}
    return render(request, "matching/weights.html", context)


@requires("matching.view")
@require_GET
def suggestions(request: MemberRequest, pk: int) -> HttpResponse:
    person = selectors.get_candidate_for(request.membership, pk)
    candidate_viewed(candidate=person, by=request.user, what="matching")
    items = selectors.suggestions_for(person)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"person": person, "page": page, "missing": selectors.missing_for_matching(person)}
    return render(request, "matching/suggestions.html", context)


@requires("matching.view")
@require_GET
def mentors(request: MemberRequest, pk: int) -> HttpResponse:
    person = selectors.get_candidate_for(request.membership, pk)
    candidate_viewed(candidate=person, by=request.user, what="matching")
    matches = selectors.mentors_for(person, timezone.localdate())
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("page"))
    users = User.objects.in_bulk([m.mentor.pk for m in page])
    context = {
        "person": person,
        "page": page,
        "rows": [(m, users[m.mentor.pk]) for m in page if m.mentor.pk in users],
        "form": MentorProposeForm(initial={"starts_on": timezone.localdate()}),
    }
    return render(request, "matching/mentors.html", context)


@requires("matching.view")
@require_POST
def mentor_propose(request: MemberRequest, pk: int, mentor: int) -> HttpResponse:
    person = selectors.get_candidate_for(request.membership, pk)
    today = timezone.localdate()
    match = selectors.mentor_match_one(person, mentor, today)
    if match is None:
        raise Http404
    form = MentorProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the mentorship starts."))
        return redirect("matching:mentors", pk=person.pk)
    user = get_object_or_404(User, pk=mentor)
    try:
        services.mentor_propose(
            candidate=person,
            mentor=user,
            match=match,
            starts_on=form.cleaned_data["starts_on"],
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("matching:mentors", pk=person.pk)
    messages.success(request, _("The mentor was assigned."))
    return redirect("candidates:detail", pk=person.pk)
