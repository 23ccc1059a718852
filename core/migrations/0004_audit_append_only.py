"""The audit log refuses UPDATE and DELETE in the database, whatever the code above it does.

PostgreSQL: a BEFORE UPDATE OR DELETE trigger raises; a DELETE passes only while the transaction
has ``SET LOCAL springbrett.audit_purge = 'on'`` (``core.audit.audit_purge()``, used by the
retention service alone). SQLite: BEFORE UPDATE/DELETE triggers call RAISE(ABORT); a DELETE passes
only while the one-row table ``core_audit_purge`` says so. That table is not a Django model, so a
test database flush cannot empty it (see ``core.audit``).
"""

from django.db import migrations

TABLES = ("core_auditentry", "core_auditsubject")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION core_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('springbrett.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""
PG_TRIGGER = """
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION core_audit_append_only();
"""

SQLITE_CONTROL = [
    "CREATE TABLE IF NOT EXISTS core_audit_purge "
    "(id INTEGER PRIMARY KEY CHECK (id = 1), enabled INTEGER NOT NULL DEFAULT 0)",
    "INSERT OR IGNORE INTO core_audit_purge (id, enabled) VALUES (1, 0)",
]
SQLITE_TRIGGERS = [
    """CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
    WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge WHERE id = 1 AND enabled = 1)
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END""",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(PG_TRIGGER.format(table=table))
    elif vendor == "sqlite":
        for statement in SQLITE_CONTROL:
            schema_editor.execute(statement)
        for table in TABLES:
            for statement in SQLITE_TRIGGERS:
                schema_editor.execute(statement.format(table=table))
    else:  # pragma: no cover - Springbrett runs on PostgreSQL, and SQLite for development
        raise NotImplementedError(f"no append-only triggers for {vendor}")


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS core_audit_append_only()")
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        schema_editor.execute("DROP TABLE IF EXISTS core_audit_purge")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_subject_retention_policy")]

    operations = [migrations.RunPython(install, remove)]
