"""How fresh a cached worklist section is: a version per operator and topic.

A section that reads a whole operator's records (every finished placement for missing outcomes,
every open evaluation, every current candidate's consent) costs tens to hundreds of milliseconds
at national size. Such a section names the topics it reads (``register(..., depends=…)``); the
home page keeps its result per member, day and language under the topics' current versions, and
every save or delete of a record of a topic moves that topic's version for the record's operator,
at once and again when the transaction commits (a reader between the two may have stored what it
read under the first new version). A section is therefore recounted only after something it
reads changed; the one who approved an attest sees it gone from their list on the next page.

Versions live in the cache (Redis in production): ``incr`` is atomic there. A version that was
evicted starts again at a fresh random value, so an old entry is never taken for a new one. The
entries themselves expire after ``TTL`` seconds, a bound on any change that reached the database
without a signal (``QuerySet.update``), which the services use only where no topic depends on it.
"""

import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from candidates.models import Application, Candidate, Consent
from mentors.models import Milestone
from placements.models import NavAgreement, Outcome, Placement

TTL = 10 * 60

APPLICATIONS = "applications"
CANDIDATES = "candidates"
PLACEMENTS = "placements"
OUTCOMES = "outcomes"
MILESTONES = "milestones"
# Moved by the app above that owns the records (hostportal.sections), through ``bump``.
HOST_SUBMISSIONS = "host_submissions"


def _key(operator_id: int, topic: str) -> str:
    return f"worklist-version:{operator_id}:{topic}"


def versions(operator_id: int, topics: Iterable[str]) -> dict[str, int]:
    """The current version of each topic for the operator (one cache round trip)."""
    keys = {topic: _key(operator_id, topic) for topic in topics}
    found = cache.get_many(keys.values())
    result = {}
    missing = {}
    for topic, key in keys.items():
        if key in found:
            result[topic] = found[key]
        else:
            missing[key] = result[topic] = secrets.randbelow(2**40)
    if missing:
        cache.set_many(missing, timeout=None)
    return result


def bump(operator_id: int | None, topic: str) -> None:
    """Move the topic's version for the operator now and once more after the commit."""
    if operator_id is None:
        return

    def move() -> None:
        key = _key(operator_id, topic)
        try:
            cache.incr(key)
        except ValueError:  # not there (evicted or never read): any fresh value will do
            cache.set(key, secrets.randbelow(2**40), timeout=None)

    move()
    transaction.on_commit(move, robust=True)


# --- Which operator a record belongs to ---------------------------------------------------------


def _candidate_operator(candidate_id: int | None) -> int | None:
    if candidate_id is None:
        return None
    return Candidate.objects.filter(pk=candidate_id).values_list("operator_id", flat=True).first()


def _placement_operator(placement_id: int | None) -> int | None:
    if placement_id is None:
        return None
    return (
        Placement.objects.filter(pk=placement_id)
        .values_list("candidate__operator_id", flat=True)
        .first()
    )


OPERATOR_OF: dict[type[Model], tuple[str, Callable[[Any], int | None]]] = {
    Candidate: (CANDIDATES, lambda c: c.operator_id),
    Consent: (CANDIDATES, lambda c: _candidate_operator(c.candidate_id)),
    Application: (APPLICATIONS, lambda a: _candidate_operator(a.candidate_id)),
    Placement: (PLACEMENTS, lambda p: _candidate_operator(p.candidate_id)),
    NavAgreement: (PLACEMENTS, lambda n: _placement_operator(n.placement_id)),
    Outcome: (OUTCOMES, lambda o: _candidate_operator(o.candidate_id)),
    Milestone: (MILESTONES, lambda m: _placement_operator(m.placement_id)),
}


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    topic, operator_of = OPERATOR_OF[sender]
    bump(operator_of(instance), topic)


def connect() -> None:
    for model in OPERATOR_OF:
        name = model.__name__
        post_save.connect(_changed, sender=model, dispatch_uid=f"worklist-{name}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"worklist-{name}-delete")
