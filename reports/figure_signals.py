"""Every save and delete of what the stored figures count clears them at once and refreshes
them after the commit (``reports.figures``). Connected in ``ReportsConfig.ready``; signals,
because placements, outcomes and applications live in lower apps that may not import reports.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from candidates.models import Application
from placements.models import Outcome, Placement
from programs.models import Cohort, Programme

from .figures import figures_clear, programmes_of_application
from .tasks import refresh_figures


def _refresh_later(programme_id: int) -> None:
    # robust: a broker that is down is logged, not raised at the user after their commit; the
    # cleared row is counted by the next reader and again by the nightly recompute.
    transaction.on_commit(lambda: refresh_figures.delay(programme_id), robust=True)


def changed(programme_ids: set[int | None]) -> None:
    for programme_id in figures_clear(programme_ids):
        _refresh_later(programme_id)


def _on_placement(sender: type, instance: Placement, **kwargs: Any) -> None:
    changed({instance.programme_id})


def _on_outcome(sender: type, instance: Outcome, **kwargs: Any) -> None:
    changed({instance.programme_id})


def _on_application(sender: type, instance: Application, **kwargs: Any) -> None:
    changed(programmes_of_application(instance))


def _on_cohort(sender: type, instance: Cohort, **kwargs: Any) -> None:
    changed({instance.programme_id})  # a new cohort gets its row of zeros


def _on_programme(sender: type, instance: Programme, created: bool = False, **kwargs: Any) -> None:
    if not created:  # the goal (target, kinds, deadline) may have changed
        changed({instance.pk})


def connect() -> None:
    handlers: list[tuple[type, Callable[..., None]]] = [
        (Placement, _on_placement),
        (Outcome, _on_outcome),
        (Application, _on_application),
        (Cohort, _on_cohort),
    ]
    for model, handler in handlers:
        name = model.__name__
        post_save.connect(handler, sender=model, dispatch_uid=f"figures-{name}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"figures-{name}-delete")
    post_save.connect(_on_programme, sender=Programme, dispatch_uid="figures-programme-save")
