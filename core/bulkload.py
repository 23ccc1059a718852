"""Write many rows fast: PostgreSQL COPY (psycopg 3) or batched INSERTs elsewhere.

Rows are tuples of Python values for the fields a caller names; every other concrete field gets its
model default (``auto_now``/``auto_now_add`` get one timestamp), so a column another app adds later
with a default does not break a loader. No model ``save()``, no signals: callers own validity.
"""

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

INSERT_BATCH = 5000


class BulkWriter:
    """One writer per connection; ``write(model, fields, rows)`` returns the number of rows."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.now = timezone.now()

    def write(self, model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        given = [by_attname[name] for name in fields]
        rest = [f for f in model._meta.concrete_fields if f.attname not in set(fields)]
        defaults = tuple(self._default(model, f) for f in rest)
        columns = ", ".join(self.connection.ops.quote_name(str(f.column)) for f in [*given, *rest])
        table = self.connection.ops.quote_name(model._meta.db_table)
        if self.postgres:
            return self._copy(table, columns, given, defaults, rows)
        return self._insert(table, columns, [*given, *rest], defaults, rows)

    def _default(self, model: type[models.Model], field: models.Field) -> Any:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: Any = self.now
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                value = timezone.localdate(self.now)
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        elif field.empty_strings_allowed and field.blank:
            value = ""
        else:
            raise ValueError(f"{model.__name__}.{field.name} needs a value")
        if self.postgres and isinstance(field, models.JSONField):
            return json.dumps(value)
        return value if self.postgres else field.get_db_prep_save(value, self.connection)

    def _copy(
        self,
        table: str,
        columns: str,
        given: list[models.Field],
        defaults: tuple,
        rows: Iterable[tuple],
    ) -> int:
        json_at = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
        count = 0
        with self.connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                write = copy.write_row
                for row in rows:
                    if json_at:
                        values = list(row)
                        for i in json_at:
                            values[i] = json.dumps(values[i])
                        row = tuple(values)
                    write(row + defaults if defaults else row)
                    count += 1
        return count

    def _insert(
        self,
        table: str,
        columns: str,
        fields: list[models.Field],
        defaults: tuple,
        rows: Iterable[tuple],
    ) -> int:
        marks = ", ".join(["%s"] * len(fields))
        # Table and column names come from model metadata, never from input.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608
        given = fields[: len(fields) - len(defaults)]
        count = 0
        batch: list[tuple] = []
        with self.connection.cursor() as cursor:
            for row in rows:
                prepared = tuple(
                    f.get_db_prep_save(v, self.connection) for f, v in zip(given, row, strict=True)
                )
                batch.append(prepared + defaults)
                if len(batch) >= INSERT_BATCH:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count

    def next_id(self, model: type[models.Model]) -> int:
        """The first free primary key of ``model`` (ids are assigned here, not by sequences)."""
        value = model._default_manager.aggregate(top=models.Max("pk"))["top"]
        return (value or 0) + 1

    def reset_sequences(self, model_list: Iterable[type[models.Model]]) -> None:
        """After explicit ids, move PostgreSQL's sequences past them (SQLite needs nothing)."""
        if not self.postgres:
            return
        with self.connection.cursor() as cursor:
            for model in model_list:
                table = model._meta.db_table
                column = model._meta.pk.column
                top = f"SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}"  # noqa: S608  # nosec B608
                sql = f"SELECT setval(pg_get_serial_sequence(%s, %s), ({top}), false)"
                cursor.execute(sql, [table, column])


class DeferredIndexes:
    """On PostgreSQL, drop a big table's secondary indexes, unique constraints and foreign keys
    before a COPY and build them again after (faster than maintaining them row by row). Adding
    them back checks every row, so the loaded data is proved to satisfy them; check constraints
    and the primary key stay in place throughout."""

    def __init__(self, connection: BaseDatabaseWrapper, tables: Sequence[str]) -> None:
        self.connection = connection
        self.tables = list(tables)
        self.indexes: list[tuple[str, str]] = []
        self.constraints: list[tuple[str, str, str]] = []

    def __enter__(self) -> "DeferredIndexes":
        if self.connection.vendor != "postgresql":
            return self
        with self.connection.cursor() as cursor:
            # Deferred checks still queued on referenced tables would block ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i
                 WHERE i.indrelid = ANY(%s::regclass[])
                   AND NOT i.indisprimary
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                """,
                [self.tables],
            )
            self.indexes = list(cursor.fetchall())
            cursor.execute(
                """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                  FROM pg_constraint
                 WHERE contype IN ('f', 'u') AND conrelid = ANY(%s::regclass[])
                 ORDER BY contype DESC
                """,
                [self.tables],
            )
            self.constraints = list(cursor.fetchall())
            for table, name, _definition in self.constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if exc_type is not None or self.connection.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            for _name, definition in self.indexes:
                cursor.execute(definition)
            # Unique constraints first (ordered by contype), then the foreign keys.
            for table, name, definition in self.constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def day_time(day: datetime.date, hour: int, zone: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), zone)


class InsertTriggersOff:
    """On PostgreSQL, switch off the row triggers that run on INSERT (django-pghistory's change
    history) for ``tables`` until the end of the block, inside the caller's transaction. Loading
    synthetic rows is not a change anyone made; constraint and foreign-key triggers stay on.
    Enter it before the first write: PostgreSQL refuses ALTER TABLE while checks are queued."""

    def __init__(self, connection: BaseDatabaseWrapper, tables: Sequence[str]) -> None:
        self.connection = connection
        self.tables = list(tables)
        self.triggers: list[tuple[str, str]] = []

    def __enter__(self) -> "InsertTriggersOff":
        if self.connection.vendor != "postgresql":
            return self
        with self.connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT tgrelid::regclass::text, tgname FROM pg_trigger
                 WHERE tgrelid = ANY(%s::regclass[]) AND NOT tgisinternal
                   AND tgname LIKE 'pgtrigger%%' AND tgtype & 4 = 4 AND tgenabled <> 'D'
                """,
                [self.tables],
            )
            self.triggers = list(cursor.fetchall())
            for table, name in self.triggers:
                cursor.execute(f'ALTER TABLE {table} DISABLE TRIGGER "{name}"')
        return self

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if exc_type is not None or not self.triggers:
            return
        with self.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name in self.triggers:
                cursor.execute(f'ALTER TABLE {table} ENABLE TRIGGER "{name}"')
