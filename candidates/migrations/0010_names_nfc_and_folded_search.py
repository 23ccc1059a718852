"""Names stored composed (NFC) and search keys folded the new way (core.names.fold): accents,
Greek tonos, Arabic letter variants and the Norwegian oe/ae/aa spellings find each other."""

from django.db import migrations

NAME_FIELDS = (
    "given_name", "family_name", "given_name_latin", "family_name_latin", "preferred_name",
)  # fmt: skip
CHUNK = 2000


def refold(apps, schema_editor):
    from candidates.services import search_key
    from core.names import nfc

    candidate_model = apps.get_model("candidates", "Candidate")
    batch = []
    rows = candidate_model.objects.only("pk", "search_name", *NAME_FIELDS).order_by("pk")
    for candidate in rows.iterator(chunk_size=CHUNK):
        for name in NAME_FIELDS:
            setattr(candidate, name, nfc(getattr(candidate, name) or ""))
        candidate.search_name = search_key(*(getattr(candidate, n) for n in NAME_FIELDS))
        batch.append(candidate)
        if len(batch) == CHUNK:
            candidate_model.objects.bulk_update(batch, ["search_name", *NAME_FIELDS])
            batch = []
    if batch:
        candidate_model.objects.bulk_update(batch, ["search_name", *NAME_FIELDS])


class Migration(migrations.Migration):
    dependencies = [("candidates", "0009_candidate_norwegian_order")]
    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
