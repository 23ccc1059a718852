"""On PostgreSQL: pg_trgm and a trigram index on search_name, so name search in any script is an
index scan at national scale. SQLite (the embedded default) searches with a plain LIKE."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS candidate_search_trgm ON candidates_candidate "
    "USING gin (search_name gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS candidate_search_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("candidates", "0001_initial")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
