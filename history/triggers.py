"""Faster helper functions for the history triggers on PostgreSQL.

pgtrigger's ``_pgtrigger_should_ignore`` and pghistory's ``_pgh_attach_context`` read their
settings inside ``BEGIN … EXCEPTION`` blocks, which open a subtransaction for every row written:
inserting 10,000 placements in one transaction took 16 s instead of 6, and 200,000 took
minutes. ``current_setting(name, true)`` returns NULL for a missing setting without raising, so
the same logic needs no exception block. Installed after every migrate, because pgtrigger
recreates its function whenever it installs a trigger.
"""

from typing import Any

from django.db import connections

FUNCTIONS = """
CREATE OR REPLACE FUNCTION _pgtrigger_should_ignore(trigger_name NAME) RETURNS BOOLEAN AS $$
DECLARE
    _ignore TEXT;
BEGIN
    _ignore := NULLIF(CURRENT_SETTING('pgtrigger.ignore', true), '');
    IF _ignore IS NULL THEN
        RETURN FALSE;
    END IF;
    RETURN trigger_name = ANY(_ignore::TEXT[]);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION _pgh_attach_context() RETURNS UUID AS $$
DECLARE
    _pgh_context_id UUID;
    _pgh_context_metadata JSONB;
BEGIN
    _pgh_context_id := NULLIF(CURRENT_SETTING('pghistory.context_id', true), '')::UUID;
    _pgh_context_metadata := NULLIF(
        CURRENT_SETTING('pghistory.context_metadata', true), ''
    )::JSONB;
    IF _pgh_context_id IS NOT NULL AND _pgh_context_metadata IS NOT NULL THEN
        INSERT INTO pghistory_context (id, metadata, created_at, updated_at)
            VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
            ON CONFLICT (id) DO UPDATE
                SET metadata = EXCLUDED.metadata, updated_at = EXCLUDED.updated_at
                WHERE pghistory_context.metadata != EXCLUDED.metadata;
        RETURN _pgh_context_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def install_fast_functions(*, using: str = "default", **kwargs: Any) -> None:
    """Replace the two functions on a PostgreSQL database (post_migrate receiver)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(FUNCTIONS)
