"""Extension points: a lower app takes what a higher app contributes, without importing it.

Apps are layers (core ← programs ← candidates ← placements ← mentors ← reports/reminders ← the
top apps) and a lower app never imports a higher one. Where a lower app's page or scope needs
what a higher app knows (the placements on a candidate's page, a mentor's mentees), the lower app
declares a ``Hook`` and the higher app registers a function in its ``AppConfig.ready()``.
"""

from collections.abc import Callable
from typing import Any


class Hook[**P, R]:
    """An ordered set of contributions; calling it returns each contribution's result."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[Callable[P, R]] = []

    def register(self, function: Callable[P, R]) -> Callable[P, R]:
        """Add a contribution (once, however often ``ready()`` runs); usable as a decorator."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def results(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        return [function(*args, **kwargs) for function in self._functions]

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._functions)} registered>"


def merged_context[**P](hook: Hook[P, dict[str, Any]], *args: P.args, **kwargs: P.kwargs) -> dict:
    """A page's context contributed by the apps above it, merged in registration order."""
    context: dict[str, Any] = {}
    for part in hook.results(*args, **kwargs):
        context.update(part)
    return context
