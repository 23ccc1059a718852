"""Reads as prepared statements on PostgreSQL; everything else as Django sends it.

Django's psycopg backend binds parameters in the client: each query reaches PostgreSQL as text,
to be parsed and planned again. Planning the list pages' queries costs PostgreSQL more than
running them (placements 1.4 ms to plan, 0.6 ms to run; the notes timeline 3 ms against 0.7).
This cursor sends a plain read (one ``SELECT`` without ``GROUP BY``) with server-side parameters,
so psycopg prepares it on the connection after a few runs and later runs skip parsing and
planning. Everything else keeps client-side binding: writes (pghistory prefixes a
``set_config`` statement to them, which a prepared statement cannot hold), several statements in
one string, ``GROUP BY`` with parameters (Django ticket #34255), and very long parameter lists.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg._preparing import Prepare
from psycopg._queries import PostgresQuery
from psycopg.abc import Params, Query

MAX_SERVER_PARAMS = 1000
PREPARE_AFTER = 2  # runs of the same read on a connection before it is prepared


def prepareable(query: Query, params: Params | None) -> bool:
    """True for one plain ``SELECT`` that a server-side prepared statement can hold."""
    if not isinstance(query, str | bytes):
        return False  # a composed psycopg.sql object: Django's own (callproc, COPY)
    text = query.decode() if isinstance(query, bytes) else query
    head = text.lstrip()[:7].upper()
    if head != "SELECT ":
        return False
    if ";" in text or "GROUP BY" in text:
        return False
    return params is None or len(params) <= MAX_SERVER_PARAMS


if TYPE_CHECKING:
    DjangoCursor = psycopg.ClientCursor[Any]
else:
    from django.db.backends.postgresql.base import Cursor as DjangoCursor


class PreparingCursor(DjangoCursor):
    """Django's client-binding cursor that binds plain reads on the server (see above)."""

    _server = False

    def _convert_query(self, query: Query, params: Params | None = None) -> PostgresQuery:
        self._server = prepareable(query, params)
        if self._server:
            pgq = PostgresQuery(self._tx)
            pgq.convert(query, params)
            return pgq
        return super()._convert_query(query, params)

    def _execute_send(
        self, query: PostgresQuery, *, force_extended: bool = False, binary: bool | None = None
    ) -> None:
        if self._server:
            psycopg.Cursor._execute_send(self, query, force_extended=force_extended, binary=binary)
        else:
            super()._execute_send(query, force_extended=force_extended, binary=binary)

    def _get_prepared(
        self, pgq: PostgresQuery, prepare: bool | None = None
    ) -> tuple[Prepare, bytes]:
        if self._server:
            return psycopg.Cursor._get_prepared(self, pgq, prepare)
        return super()._get_prepared(pgq, prepare)


def use_prepared_reads(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created: give a PostgreSQL connection the preparing cursor, unless the
    database's settings say ``PREPARED_READS: False`` (a transaction-pooling PgBouncer before
    version 1.21 cannot keep prepared statements)."""
    if connection.vendor != "postgresql" or not connection.settings_dict.get("PREPARED_READS"):
        return
    connection.connection.cursor_factory = PreparingCursor
    # Django turns psycopg's automatic preparing off; only the reads above use it.
    connection.connection.prepare_threshold = PREPARE_AFTER
    ops = connection.ops
    if "last_executed_query" not in vars(ops):
        ops.last_executed_query = _with_values(ops.last_executed_query, ops.compose_sql)


def _with_values(
    last_executed_query: Callable[[Any, str, Any], str | None],
    compose_sql: Callable[[str, Any], str],
) -> Callable[[Any, str, Any], str | None]:
    """The executed SQL as the debug log and captured queries show it: a prepared read's
    parameters merged in the client (its own text holds $1, $2 …), others as Django has it."""

    def executed(cursor: Any, sql: str, params: Any) -> str | None:
        if getattr(cursor, "_server", False):
            return compose_sql(sql, params)
        return last_executed_query(cursor, sql, params)

    return executed
