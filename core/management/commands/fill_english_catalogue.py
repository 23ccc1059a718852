from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Source strings are English: copy each msgid into the English catalogue's msgstr."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        for po_path in Path(settings.LOCALE_PATHS[0]).glob("en/LC_MESSAGES/*.po"):
            catalogue = polib.pofile(str(po_path))
            for entry in catalogue:
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            catalogue.save()
