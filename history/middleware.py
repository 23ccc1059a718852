"""The change history's context: the user id and URL path of the request that made a change."""

import pghistory.middleware
from django.db import connection
from django.http import HttpRequest, HttpResponse


class HistoryMiddleware(pghistory.middleware.HistoryMiddleware):
    """pghistory's middleware (user id and URL path, for writes) on PostgreSQL only.

    On SQLite no trigger reads the context, and the ``set_config`` it prepends to each statement
    would not run.
    """

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.vendor != "postgresql":
            return self.get_response(request)
        return super().__call__(request)
