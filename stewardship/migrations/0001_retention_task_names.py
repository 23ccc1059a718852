"""The nightly retention task moved from core to stewardship: point the beat entry at it.

core's migration 0005 installed the entry under the old task name; a database migrated before
the move keeps the schedule and gets the new name, a new one gets both steps in order.
"""

from django.db import migrations

OLD, NEW = "core.retention_nightly", "stewardship.retention_nightly"


def rename(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=OLD).update(task=NEW)


def unrename(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=NEW).update(task=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_retention_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
