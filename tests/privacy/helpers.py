"""Shared by other areas' query budgets: what the change history section costs a page."""

from history.selectors import is_recorded


def history_queries() -> int:
    """The history's count and its page of events, on PostgreSQL (nothing is recorded, or read,
    on SQLite). Events made outside a request name no user, so no users are loaded."""
    return 2 if is_recorded() else 0
