"""On PostgreSQL: an index in the candidate list's order (operator, then names with Norwegian
ICU collation), so a page of an operator with 16,000 candidates reads 25 index entries instead
of sorting them all (measured: 10–17 ms → 0.3 ms). SQLite sorts without it."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS candidate_op_name_nb_idx ON candidates_candidate "
    '(operator_id, family_name COLLATE "nb-NO-x-icu", given_name COLLATE "nb-NO-x-icu", id)',
]
BACKWARD = ["DROP INDEX IF EXISTS candidate_op_name_nb_idx"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("candidates", "0004_erased_at")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
