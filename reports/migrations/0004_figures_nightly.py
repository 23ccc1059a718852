"""Install the nightly full recompute of the stored dashboard figures in django-celery-beat's
tables: 02:30 Europe/Oslo, when nobody is at work (a DST night only moves it by an hour)."""

from django.db import migrations
from django.utils import timezone

NAME = "reports: recompute stored figures"


def install(apps, schema_editor):
    crontab_model = apps.get_model("django_celery_beat", "CrontabSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    changed_model = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = crontab_model.objects.get_or_create(
        minute="30",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Oslo",
    )
    task_model.objects.update_or_create(
        name=NAME,
        defaults={
            "task": "reports.recompute_figures",
            "crontab": crontab,
            "interval": None,
            "description": "Counts every programme's dashboard figures again; logs any that "
            "disagreed with the stored ones.",
            "enabled": True,
        },
    )
    changed_model.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_stored_figures"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, remove)]
