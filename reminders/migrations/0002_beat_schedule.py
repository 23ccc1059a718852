"""Install the reminder schedule in django-celery-beat's tables, so it lives in the database.

Interval schedules, not crontabs: a tick every few minutes has no wall-clock time that DST can
skip or repeat. The 09:00 and 07:00 Europe/Oslo times are computed per reminder row instead.
"""

from django.db import migrations
from django.utils import timezone

SCHEDULE = [
    {
        "name": "reminders: send due reminders",
        "task": "reminders.send_due_reminders",
        "every": 5,
        # A tick not picked up within 4 minutes is dropped; the next one covers it.
        "expire_seconds": 240,
        "description": "Claims due reminder rows and sends them (ids only in the messages).",
    },
    {
        "name": "reminders: plan reminders",
        "task": "reminders.plan_reminders",
        "every": 15,
        "expire_seconds": 600,
        "description": "Creates, moves and removes unsent reminders from the domain data.",
    },
]


def install(apps, schema_editor):
    interval_model = apps.get_model("django_celery_beat", "IntervalSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    changed_model = apps.get_model("django_celery_beat", "PeriodicTasks")
    for entry in SCHEDULE:
        interval = (
            interval_model.objects.filter(every=entry["every"], period="minutes").first()
            or interval_model.objects.create(every=entry["every"], period="minutes")
        )
        task_model.objects.update_or_create(
            name=entry["name"],
            defaults={
                "task": entry["task"],
                "interval": interval,
                "expire_seconds": entry["expire_seconds"],
                "description": entry["description"],
                "enabled": True,
            },
        )
    # Tell a running beat (DatabaseScheduler) that the schedule changed.
    changed_model.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove(apps, schema_editor):
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    task_model.objects.filter(name__in=[entry["name"] for entry in SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, remove)]
