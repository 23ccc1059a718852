"""The worklist sections every operator gets, per role. Each reads through the domain apps'
"due" selectors (the same ones the reminder e-mails use) and takes two queries: a count and the
first rows. Staff see the operator's work; supervisors and mentors their own people; partners the
programmes shared with them."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, QuerySet, Window
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidates.due import WAITING_DAYS, applications_waiting_for, candidates_without_consent
from candidates.models import Application
from candidates.selectors import display_name
from core.models import Membership, Role
from core.permissions import FOLLOW_UP, STAFF, has_capability
from mentors.due import EVALUATION_KINDS, evaluations_overdue_for, my_events, my_milestones_due
from mentors.models import MilestoneKind
from mentors.selectors import MilestoneState, milestone_state, my_candidates, next_milestone
from placements.selectors import outcomes_due
from placements.selectors.due import nav_agreements_ending_for, placements_ending_for
from placements.selectors.headlines import with_headlines
from programs.selectors import programmes_for
from reports.due import documents_awaiting_approval, exports_ready

from .freshness import APPLICATIONS, CANDIDATES, MILESTONES, OUTCOMES, PLACEMENTS
from .registry import ITEMS_SHOWN, Item, Section, Today, register


def _section(
    key: str,
    title: str,
    rows: QuerySet[Any],
    item: Callable[[Any], Item],
    *,
    more_url: str = "",
    kind: str = "todo",
) -> Section:
    """The first few rows and how many there are in all: one query whatever the size (the
    total is a window count over the whole filtered set, computed before the LIMIT)."""
    first = list(rows.annotate(worklist_total=Window(Count("pk")))[:ITEMS_SHOWN])
    count = first[0].worklist_total if first else 0
    return Section(key, title, count, [item(row) for row in first], more_url, kind)


def _state(due_on, today: Today) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    state = milestone_state(due_on=due_on, today=today.date)
    return state.value, str(state.label)


def _milestone_item(milestone, today: Today, url: str) -> Item:  # type: ignore[no-untyped-def]
    placement = milestone.placement
    status, label = _state(milestone.due_on, today)
    return Item(
        label=placement.candidate.display_name,
        url=url,
        detail=f"{milestone.label} · {placement.host_unit.name}",
        when=milestone.due_on,
        status=status,
        status_label=label,
    )


# --- Leads and coordinators -----------------------------------------------------------------


def _staff(membership: Membership) -> bool:
    return membership.role in STAFF


def _waiting(stage: str, order: int) -> None:
    @register(f"applications_{stage}", order=order, depends=(APPLICATIONS, CANDIDATES))
    def section(membership: Membership, today: Today) -> Section | None:
        if not _staff(membership):
            return None
        label = Application.Stage(stage).label
        return _section(
            f"applications_{stage}",
            _("Applications waiting more than %(days)s days: %(stage)s")
            % {"days": WAITING_DAYS, "stage": label},
            applications_waiting_for(membership, now=today.now).filter(stage=stage),
            lambda a: Item(
                label=a.candidate.display_name,
                url=reverse("candidates:detail", kwargs={"pk": a.candidate_id}),
                detail=str(a.position or a.cohort or ""),
                when=a.stage_changed_at.date(),
                status="waiting",
                status_label=str(label),
            ),
            more_url=reverse("candidates:list"),
        )


_waiting(Application.Stage.APPLIED, 10)
_waiting(Application.Stage.SCREENED, 11)


@register("documents_to_approve", order=20)
def documents_to_approve(membership: Membership, today: Today) -> Section | None:
    if not has_capability(membership, "placements.view") or membership.role == Role.PARTNER:
        return None
    return _section(
        "documents_to_approve",
        _("Attests and references waiting for approval"),
        # the columns shown, the candidate's name computed in the query (no placement or
        # candidate rows to build and compile on every home page)
        documents_awaiting_approval(membership)
        .select_related(None)
        .only("kind", "status", "created_at")
        .annotate(candidate_name=display_name("placement__candidate__")),
        lambda d: Item(
            label=d.candidate_name,
            url=reverse("documents:detail", kwargs={"pk": d.pk}),
            detail=str(d.get_kind_display()),
            when=d.created_at.date(),
            status="draft",
            status_label=str(d.get_status_display()),
        ),
    )


@register("placements_ending", order=30, depends=(PLACEMENTS, CANDIDATES))
def placements_ending(membership: Membership, today: Today) -> Section | None:
    if not _staff(membership):
        return None
    return _section(
        "placements_ending",
        _("Placements ending in the next 30 days"),
        placements_ending_for(membership, today=today.date),
        lambda p: Item(
            label=p.candidate.display_name,
            url=reverse("placements:detail", kwargs={"pk": p.pk}),
            detail=p.host_unit.name,
            when=p.planned_end,
            status="ending",
            status_label=_("Ends"),
        ),
        more_url=reverse("placements:list"),
    )


@register("nav_agreements_ending", order=31, depends=(PLACEMENTS, CANDIDATES))
def nav_agreements_ending(membership: Membership, today: Today) -> Section | None:
    if not _staff(membership):
        return None
    return _section(
        "nav_agreements_ending",
        _("NAV livelihood agreements ending before their placement"),
        nav_agreements_ending_for(membership, today=today.date),
        lambda n: Item(
            label=n.placement.candidate.display_name,
            url=reverse("placements:detail", kwargs={"pk": n.placement_id}),
            detail=n.placement.host_unit.name,
            when=n.ends_on,
            status="ending",
            status_label=_("Ends"),
        ),
    )


@register("outcomes_due", order=40, depends=(PLACEMENTS, OUTCOMES, CANDIDATES))
def outcomes(membership: Membership, today: Today) -> Section | None:
    if not has_capability(membership, "outcomes.manage"):
        return None
    return _section(
        "outcomes_due",
        _("Outcomes due or missing"),
        outcomes_due(membership, today=today.date, flags=False),
        lambda p: Item(
            label=p.candidate.display_name,
            url=reverse("placements:detail", kwargs={"pk": p.pk}),
            detail=p.programme.name,
            when=p.actual_end,
            status="missing",
            status_label=_("Missing"),
        ),
        more_url=reverse("placements:outcomes_due"),
    )


@register("evaluations_overdue", order=50, depends=(MILESTONES, PLACEMENTS, CANDIDATES))
def evaluations_overdue(membership: Membership, today: Today) -> Section | None:
    if not _staff(membership):
        return None
    return _section(
        "evaluations_overdue",
        _("Evaluations not answered"),
        evaluations_overdue_for(membership, today=today.date),
        lambda m: _milestone_item(
            m, today, reverse("mentors:placement_timeline", kwargs={"pk": m.placement_id})
        ),
    )


@register("without_consent", order=60, depends=(CANDIDATES,))
def without_consent(membership: Membership, today: Today) -> Section | None:
    if not _staff(membership):
        return None
    return _section(
        "without_consent",
        _("Candidates without consent to processing"),
        candidates_without_consent(membership, today=today.date),
        lambda c: Item(
            label=c.display_name,
            url=reverse("candidates:detail", kwargs={"pk": c.pk}),
            status="missing",
            status_label=_("No consent"),
        ),
        more_url=reverse("candidates:list"),
    )


@register("exports_ready", order=70)
def exports(membership: Membership, today: Today) -> Section | None:
    if not _staff(membership):
        return None
    return _section(
        "exports_ready",
        _("Exports ready to download"),
        exports_ready(membership, now=today.now),
        lambda j: Item(
            label=str(j.get_report_display()),
            url=reverse("reports:export_job", kwargs={"pk": j.pk}),
            detail=ngettext("%(rows)s row", "%(rows)s rows", j.total or 0) % {"rows": j.total},
            when=j.created_at.date(),
            status="ready",
            status_label=_("Ready"),
        ),
    )


# --- Supervisors and mentors ----------------------------------------------------------------


def _follows(membership: Membership) -> bool:
    return membership.role in FOLLOW_UP


@register("my_follow_ups", order=10)
def my_follow_ups(membership: Membership, today: Today) -> Section | None:
    if not _follows(membership):
        return None
    return _section(
        "my_follow_ups",
        _("Follow-ups due this week or overdue"),
        my_milestones_due(membership, kinds=(MilestoneKind.FOLLOW_UP,), today=today.date),
        lambda m: _milestone_item(
            m, today, reverse("mentors:placement_timeline", kwargs={"pk": m.placement_id})
        ),
        more_url=reverse("mentors:mine"),
    )


@register("my_evaluations", order=11)
def my_evaluations(membership: Membership, today: Today) -> Section | None:
    if not _follows(membership):
        return None
    return _section(
        "my_evaluations",
        _("Evaluations to fill in"),
        my_milestones_due(membership, kinds=EVALUATION_KINDS, today=today.date),
        lambda m: _milestone_item(
            m, today, reverse("mentors:evaluation_fill", kwargs={"pk": m.pk})
        ),
    )


def _next_of(candidates: Iterable[Any], today: Today) -> list[Item]:
    items = []
    for candidate in candidates:
        milestone = next_milestone(candidate, today.date)
        status, label = ("", "")
        state = getattr(milestone, "state", None)  # set by mentors.selectors.with_states
        if state is not None and state != MilestoneState.DONE:
            status, label = state.value, str(state.label)
        items.append(
            Item(
                label=candidate.display_name,
                url=reverse("mentors:candidate_timeline", kwargs={"pk": candidate.pk}),
                detail=milestone.label if milestone else _("Nothing planned"),
                when=milestone.due_on if milestone else None,
                status=status,
                status_label=label,
            )
        )
    return items


@register("my_candidates", order=12)
def candidates_followed(membership: Membership, today: Today) -> Section | None:
    if not _follows(membership):
        return None
    # Three queries (candidates, their live placements, open milestones), every row needed for
    # its next milestone: a supervisor or mentor follows a handful of people.
    followed = list(my_candidates(membership, today.date))
    return Section(
        "my_candidates",
        _("My candidates and their next milestone"),
        len(followed),
        _next_of(followed[:ITEMS_SHOWN], today),
        reverse("mentors:mine"),
        kind="info",
    )


@register("my_events", order=13)
def events(membership: Membership, today: Today) -> Section | None:
    if not _follows(membership):
        return None
    return _section(
        "my_events",
        _("Events your candidates are invited to"),
        my_events(membership, now=today.now),
        lambda e: Item(label=e.title, url="", detail=e.location, when=e.starts_at.date()),
        kind="info",
    )


# --- Partners -------------------------------------------------------------------------------


@register("partner_programmes", order=10)
def partner_programmes(membership: Membership, today: Today) -> Section | None:
    if membership.role != Role.PARTNER:
        return None
    return _section(
        "partner_programmes",
        _("Programmes shared with you"),
        with_headlines(programmes_for(membership)).order_by("name", "pk"),
        lambda p: Item(
            label=p.name,
            url=reverse("programs:programme_detail", kwargs={"pk": p.pk}),
            detail=_("%(active)s active, %(finished)s finished, %(work)s into ordinary work")
            % {"active": p.active, "finished": p.finished, "work": p.ordinary_work},
        ),
        more_url=reverse("programs:programme_list"),
        kind="info",
    )
