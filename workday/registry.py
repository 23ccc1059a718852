"""The home worklist as a registry of sections: ``section(membership, today) -> Section | None``.

Any app above the domain apps can add a section with ``@register("key", order=…)``; the home page
shows every section that answers for the membership, in ``order``. A section reads a fixed number
of queries (usually one: the first rows with a window count of all), whatever the data size.
A section that reads a whole operator's records names the topics it reads
(``depends=(freshness.PLACEMENTS, …)``) and is kept per member, day and language until one of
them changes (``workday.freshness``).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from core.models import Membership

from . import freshness

# Rows shown per section; the rest is behind the section's "show all" link.
ITEMS_SHOWN = 5


@dataclass(frozen=True)
class Item:
    """One thing to do: a label that links to the object it concerns."""

    label: str
    url: str
    detail: str = ""
    when: datetime.date | None = None
    # A status in words (never colour alone): "overdue", "due", "ready"…
    status: str = ""
    status_label: str = ""


@dataclass
class Section:
    key: str
    title: str
    count: int
    items: list[Item] = field(default_factory=list)
    more_url: str = ""
    # "todo" sections count what needs doing; "info" sections (figures, events) do not.
    kind: str = "todo"

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.items))


@dataclass(frozen=True)
class Today:
    date: datetime.date
    now: datetime.datetime

    @classmethod
    def current(cls) -> "Today":
        return cls(timezone.localdate(), timezone.now())


SectionFunction = Callable[[Membership, Today], Section | None]


@dataclass(frozen=True)
class Entry:
    key: str
    order: int
    function: SectionFunction
    depends: tuple[str, ...] = ()


_REGISTRY: dict[str, Entry] = {}


def register(
    key: str, *, order: int = 100, depends: tuple[str, ...] = ()
) -> Callable[[SectionFunction], SectionFunction]:
    """Add a worklist section; registering the same key again replaces it. ``depends`` names
    the ``workday.freshness`` topics the section reads, and only those: a section that reads
    anything else must not name any (it is then counted on every page)."""

    def decorator(function: SectionFunction) -> SectionFunction:
        _REGISTRY[key] = Entry(key, order, function, tuple(depends))
        return function

    return decorator


def registered() -> list[Entry]:
    return sorted(_REGISTRY.values(), key=lambda e: (e.order, e.key))


def worklist(membership: Membership | None, today: Today | None = None) -> list[Section]:
    """The sections that apply to the membership, in order; empty ones are left out."""
    if membership is None:
        return []
    today = today or Today.current()
    entries = registered()
    # The versions are read once, before anything is counted: what is counted is then at least
    # as new as the versions it is stored under.
    keys = _keys(membership, today, entries)
    kept = cache.get_many(keys.values()) if keys else {}
    fresh = {}
    sections = []
    for entry in entries:
        cached = kept.get(keys.get(entry.key, ""))
        if cached is not None:
            section = cached
        else:
            section = entry.function(membership, today)
            if entry.depends and section is not None:
                fresh[keys[entry.key]] = section
        if section is not None and section.count:
            sections.append(section)
    if fresh:
        cache.set_many(fresh, freshness.TTL)
    return sections


def _keys(membership: Membership, today: Today, entries: list[Entry]) -> dict[str, str]:
    """Each cached section's key: member, day, language and its topics' versions."""
    topics = {topic for entry in entries for topic in entry.depends}
    if not topics:
        return {}
    version = freshness.versions(membership.operator_id, sorted(topics))
    prefix = f"worklist:{membership.pk}:{membership.role}:{today.date.isoformat()}:{get_language()}"
    return {
        entry.key: ":".join([prefix, entry.key, *(f"{version[t]}" for t in entry.depends)])
        for entry in entries
        if entry.depends
    }
