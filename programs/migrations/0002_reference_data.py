from django.db import migrations

from programs.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("programs", "Occupation"), apps.get_model("programs", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
