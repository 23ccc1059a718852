"""Pagination without an exact count, for lists that grow with the operator.

Django's Paginator runs ``SELECT COUNT(*)`` over the whole filtered list on every page; for a
big operator's placements (a join over every placement in the country) that count cost more than
the page itself. ``UncountedPaginator`` reads one row more than a page instead: that row says
whether there is a next page. Pages are still numbered (``?page=3``), so links and the filter
form work as before; the page only stops claiming a total it never counted.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from django.core.paginator import InvalidPage


class UncountedPage(Sequence):  # type: ignore[type-arg]
    """One page: the rows, its number, and whether a page follows (no total)."""

    def __init__(self, rows: list[Any], number: int, paginator: "UncountedPaginator") -> None:
        self.object_list = rows[: paginator.per_page]
        self.number = number
        self.paginator = paginator
        self._has_next = len(rows) > paginator.per_page

    def __repr__(self) -> str:
        return f"<Page {self.number}>"

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self.object_list[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        if not self._has_next:
            raise InvalidPage("That page contains no results")
        return self.number + 1

    def previous_page_number(self) -> int:
        if self.number <= 1:
            raise InvalidPage("That page number is less than 1")
        return self.number - 1


class UncountedPaginator:
    """``Paginator``'s ``get_page`` for querysets, without COUNT: a page past the end falls back
    to the first page (Django's falls back to the last, which it can only know by counting)."""

    # templates/components.html#pagination shows "Page 3" rather than "Page 3 of N".
    uncounted = True

    def __init__(self, object_list, per_page: int) -> None:  # type: ignore[no-untyped-def]
        self.object_list = object_list
        self.per_page = per_page

    def page(self, number: int) -> UncountedPage:
        if number < 1:
            raise InvalidPage("That page number is less than 1")
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and number > 1:
            raise InvalidPage("That page contains no results")
        return UncountedPage(rows, number, self)

    def get_page(self, number: object) -> UncountedPage:
        """The page ``number`` names; the first page for anything else (no error page)."""
        try:
            page_number = int(str(number))
        except (TypeError, ValueError):
            page_number = 1
        try:
            return self.page(page_number)
        except InvalidPage:
            return self.page(1)
