"""Synthetic data at national size for benchmarks: operators, staff, programmes, candidates with
names in many scripts and synthetic national ids, applications, placements, milestones, notes,
outcomes and reminders (with their sent-log).

Written with ``core.bulkload`` (PostgreSQL COPY), bypassing the per-row services on purpose, but
every row obeys the rules the services enforce: the same operator on both sides of every link,
cohorts of the programme, supervisors who are members, dates in order and never in the future
for what has happened, search keys from ``candidates.services.search_key``, reminders keyed the
way ``reminders.planning`` keys them. The test samples rows through ``full_clean()``.

Deterministic for a given size, seed and ``today``. Ids are assigned here, so rows can refer to
each other without a round trip.
"""

from .generator import Generator
from .plan import DEFERRED, LOADED, Size, seeded_size
from .vocabulary import EMAIL_DOMAIN, MARKER_ACTION, PASSWORD

__all__ = [
    "DEFERRED",
    "EMAIL_DOMAIN",
    "LOADED",
    "MARKER_ACTION",
    "PASSWORD",
    "Generator",
    "Size",
    "seeded_size",
]
