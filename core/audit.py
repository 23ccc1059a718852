"""The audit log's database side: the one deliberate way to delete from it, and what a test flush
needs on SQLite.

Migration ``core.0004_audit_append_only`` makes the database refuse UPDATE and DELETE on
``core_auditentry`` and ``core_auditsubject``. ``audit_purge()`` opens a DELETE for the rest of a
savepoint, and only the retention service calls it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLES = ("core_auditentry", "core_auditsubject")


def _set_purge(enabled: bool) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # SET LOCAL: the setting ends with the transaction, committed or rolled back.
            cursor.execute(f"SET LOCAL springbrett.audit_purge = '{'on' if enabled else 'off'}'")
        else:
            # SQLite serialises writers, so no other connection ever sees the flag raised.
            cursor.execute("UPDATE core_audit_purge SET enabled = %s WHERE id = 1", [int(enabled)])


@contextmanager
def audit_purge() -> Iterator[None]:
    """Allow DELETE on the audit tables inside this block (a savepoint). For retention only.

    The flag is lowered again on the way out; when the block fails, rolling back the savepoint
    undoes the flag with everything else.
    """
    with transaction.atomic():
        _set_purge(True)
        yield
        _set_purge(False)


def _sql_flush_with_purge(original: Any) -> Any:
    """``flush`` empties every table. PostgreSQL uses TRUNCATE, which row triggers do not see;
    SQLite uses DELETE, so the flush raises the purge flag around its own statements."""

    def sql_flush(style: Any, tables: list[str], **kwargs: Any) -> list[str]:
        statements = original(style, tables, **kwargs)
        if not statements or not set(AUDIT_TABLES) & set(tables):
            return statements
        return [
            "CREATE TABLE IF NOT EXISTS core_audit_purge "
            "(id INTEGER PRIMARY KEY CHECK (id = 1), enabled INTEGER NOT NULL DEFAULT 0)",
            "INSERT OR REPLACE INTO core_audit_purge (id, enabled) VALUES (1, 1)",
            *statements,
            "UPDATE core_audit_purge SET enabled = 0 WHERE id = 1",
        ]

    sql_flush.springbrett_purge = True  # type: ignore[attr-defined]
    return sql_flush


def allow_flush_on_sqlite(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: let ``flush`` (test teardown) empty the log on SQLite."""
    if connection.vendor != "sqlite":
        return
    ops = connection.ops
    if not getattr(ops.sql_flush, "springbrett_purge", False):
        ops.sql_flush = _sql_flush_with_purge(ops.sql_flush)  # type: ignore[method-assign]
