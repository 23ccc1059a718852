"""The lead's and coordinator's worklist section "Submissions from host units", kept until a
submission of the operator changes (the topic ``HOST_SUBMISSIONS``, moved by the signals here)."""

from typing import Any

from django.db.models import Count, Window
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import Membership
from core.permissions import has_capability
from workday.freshness import HOST_SUBMISSIONS, bump
from workday.registry import ITEMS_SHOWN, Item, Section, Today, register

from .models import Submission
from .selectors import pending_for


@register("host_submissions", order=25, depends=(HOST_SUBMISSIONS,))
def host_submissions(membership: Membership, today: Today) -> Section | None:
    """Pending submissions, oldest first: one query for the first rows and the total."""
    if not has_capability(membership, "hostunits.manage"):
        return None
    rows = pending_for(membership).annotate(worklist_total=Window(Count("pk")))
    first = list(rows[:ITEMS_SHOWN])
    items = [
        Item(
            label=row.host_unit.name,
            url=reverse("hostreview:review", kwargs={"pk": row.pk}),
            detail=f"{row.get_kind_display()} · {row.programme.name}",
            when=row.submitted_at.date(),
            status="pending",
            status_label=_("Waiting"),
        )
        for row in first
    ]
    count = first[0].worklist_total if first else 0
    title = _("Submissions from host units")
    return Section("host_submissions", title, count, items, reverse("hostreview:list"))


def _changed(sender: type[Submission], instance: Submission, **kwargs: Any) -> None:
    # The host unit is loaded already when a service saves (it holds the object, not the id).
    bump(instance.host_unit.operator_id, HOST_SUBMISSIONS)


post_save.connect(_changed, sender=Submission, dispatch_uid="worklist-Submission-save")
post_delete.connect(_changed, sender=Submission, dispatch_uid="worklist-Submission-delete")
