"""On PostgreSQL the database itself keeps a programme's funding at 100 percent: a deferred
constraint trigger checks the sum when the transaction commits, so a service can replace the
shares row by row inside one transaction. SQLite relies on the service's check."""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION programs_funding_sums_to_100() RETURNS trigger AS $$
    DECLARE
        programme bigint := COALESCE(NEW.programme_id, OLD.programme_id);
        total integer;
    BEGIN
        SELECT COALESCE(SUM(percent), 0) INTO total
          FROM programs_fundingshare WHERE programme_id = programme;
        IF total <> 0 AND total <> 100 THEN
            RAISE EXCEPTION 'funding of programme %% sums to %%, not 100', programme, total
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE CONSTRAINT TRIGGER funding_sums_to_100
        AFTER INSERT OR UPDATE OR DELETE ON programs_fundingshare
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION programs_funding_sums_to_100()
    """,
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS funding_sums_to_100 ON programs_fundingshare",
    "DROP FUNCTION IF EXISTS programs_funding_sums_to_100()",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_reference_data")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
