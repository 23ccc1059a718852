"""Install the nightly retention run in django-celery-beat's tables, as reminders does its ticks.

A crontab at 03:15 Europe/Oslo: that time exists exactly once every day (the DST change skips or
repeats the hour from 02:00), and a run that is missed is made up by the next, which finds
everything that fell due in between.
"""

from django.db import migrations
from django.utils import timezone

NAME = "core: retention nightly"
TASK = "core.retention_nightly"


def install(apps, schema_editor):
    crontab_model = apps.get_model("django_celery_beat", "CrontabSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    changed_model = apps.get_model("django_celery_beat", "PeriodicTasks")
    schedule = {"minute": "15", "hour": "3", "day_of_week": "*", "day_of_month": "*"}
    schedule["month_of_year"] = "*"
    crontab = crontab_model.objects.filter(
        timezone="Europe/Oslo", **schedule
    ).first() or crontab_model.objects.create(timezone="Europe/Oslo", **schedule)
    task_model.objects.update_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "interval": None,
            # A run not started within six hours waits for the next night.
            "expire_seconds": 6 * 3600,
            "description": "Anonymises and deletes what each operator's retention policy says "
            "is due (ids only in the message).",
            "enabled": True,
        },
    )
    changed_model.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_append_only"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, remove)]
