"""The change history's context: the user id and URL path of the request that made a change."""

from collections.abc import Callable

import pghistory.middleware
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections
from django.http import HttpRequest, HttpResponse


class HistoryMiddleware(pghistory.middleware.HistoryMiddleware):
    """pghistory's middleware (user id and URL path, for writes) on PostgreSQL only.

    On SQLite no trigger reads the context, and the ``set_config`` it prepends to each statement
    would not run.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        # Decided once at start-up (the vendor is known without connecting), not per request.
        if connections["default"].vendor != "postgresql":
            raise MiddlewareNotUsed
        super().__init__(get_response)
