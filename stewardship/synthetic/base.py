"""The generator's state and the helpers every part of it writes with."""

import datetime
import random
import time
from array import array
from collections.abc import Callable, Iterator

from django.db import connection
from stdnum.no import orgnr

from core.bulkload import BulkWriter

from .plan import (
    Op,
    Placements,
    Size,
)
from .vocabulary import (
    OSLO,
    D,
)


class Base:
    """What the parts of the generator share: the plan they read and the writer they write with.

    The plan's attributes are set by the parts, in the order ``Generator.run`` calls them."""

    size: Size
    today: datetime.date
    now: datetime.datetime
    rng: random.Random
    log: Callable[[str], None]
    writer: BulkWriter
    counts: dict[str, int]
    ops: list[Op]
    placements: Placements
    candidate_ids: array[int]
    candidate_ops: array[int]
    candidate_created: array[int]
    missing_outcomes: list[tuple[int, int, str, int]]
    waiting: list[tuple[int, int, datetime.datetime, str]]
    waiting_ops: dict[int, int]
    milestone_first_id: int

    def __init__(
        self,
        size: Size,
        *,
        today: datetime.date,
        log: Callable[[str], None] = lambda _message: None,
    ) -> None:
        self.size = size
        self.today = today
        self.now = datetime.datetime.combine(today, datetime.time(12), OSLO)
        self.rng = random.Random(size.seed)  # noqa: S311 - synthetic data
        self.log = log
        self.writer = BulkWriter(connection)
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()
        self._dates: dict[int, datetime.date] = {}
        self._times: dict[tuple[int, int, int], datetime.datetime] = {}

    # --- helpers ---------------------------------------------------------------------------

    def day(self, ordinal: int) -> datetime.date:
        value = self._dates.get(ordinal)
        if value is None:
            value = self._dates[ordinal] = D.fromordinal(ordinal)
        return value

    def at(self, ordinal: int, hour: int, minute: int = 0) -> datetime.datetime:
        key = (ordinal, hour, minute)
        value = self._times.get(key)
        if value is None:
            value = datetime.datetime.combine(self.day(ordinal), datetime.time(hour, minute), OSLO)
            self._times[key] = value
        return value

    def write(self, name: str, model, fields, rows) -> None:  # type: ignore[no-untyped-def]
        started = time.monotonic()
        n = self.writer.write(model, fields, rows)
        self.counts[name] = self.counts.get(name, 0) + n
        self.log(f"  {name:<22} {n:>10,} rows  {time.monotonic() - started:6.1f} s")

    def elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.0f} s"

    def ids(self, model, n: int) -> range:  # type: ignore[no-untyped-def]
        first = self.writer.next_id(model)
        return range(first, first + n)

    def _orgnrs(self) -> Iterator[str]:
        base = 91_000_000
        while True:
            base += 1
            for digit in range(10):
                number = f"{base}{digit}"
                if orgnr.is_valid(number):
                    yield number
                    break
