"""On PostgreSQL, leave 15 % of each reminder page free, so the sweep's claim (claimed_at,
claim_token, attempts: no index covers them) is a HOT update that writes no index entries.
Measured at 2,000,000 reminders: claiming 1,000 took 80–190 ms with full pages, 9 ms with this.
Applies to pages written from now on; an existing table gets it at its next rewrite
(VACUUM FULL reminders_reminder, or pg_repack)."""

from django.db import migrations

FORWARD = "ALTER TABLE reminders_reminder SET (fillfactor = 85)"
BACKWARD = "ALTER TABLE reminders_reminder RESET (fillfactor)"


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("reminders", "0002_beat_schedule")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
