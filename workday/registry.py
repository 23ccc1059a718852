"""The home worklist as a registry of sections: ``section(membership, today) -> Section | None``.

Any app above the domain apps can add a section with ``@register("key", order=…)``; the home page
shows every section that answers for the membership, in ``order``. A section reads a fixed number
of queries (usually one: the first rows with a window count of all), whatever the data size.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from core.models import Membership

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


_REGISTRY: dict[str, Entry] = {}


def register(key: str, *, order: int = 100) -> Callable[[SectionFunction], SectionFunction]:
    """Add a worklist section; registering the same key again replaces it."""

    def decorator(function: SectionFunction) -> SectionFunction:
        _REGISTRY[key] = Entry(key, order, function)
        return function

    return decorator


def registered() -> list[Entry]:
    return sorted(_REGISTRY.values(), key=lambda e: (e.order, e.key))


def worklist(membership: Membership | None, today: Today | None = None) -> list[Section]:
    """The sections that apply to the membership, in order; empty ones are left out."""
    if membership is None:
        return []
    today = today or Today.current()
    sections = []
    for entry in registered():
        section = entry.function(membership, today)
        if section is not None and section.count:
            sections.append(section)
    return sections
