from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Write translations into a catalogue from a tab-separated file, one entry a line: "
        "msgid<TAB>msgstr (plural forms as singular||plural). The fuzzy flag is removed. "
        "`manage.py untranslated nn --tsv` writes such a file with the bokmål text to replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("locale")
        parser.add_argument("tsv", type=Path)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        po_path = Path(settings.LOCALE_PATHS[0]) / options["locale"] / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(po_path))
        wanted: dict[str, str] = {}
        for number, line in enumerate(options["tsv"].read_text().splitlines(), start=1):
            if not line.strip():
                continue
            msgid, sep, msgstr = line.partition("\t")
            if not sep or not msgstr.strip():
                raise CommandError(f"line {number}: expected msgid<TAB>translation")
            wanted[msgid] = msgstr
        for entry in catalogue:
            if entry.msgid not in wanted:
                continue
            text = wanted.pop(entry.msgid)
            if entry.msgid_plural:
                singular, _sep, plural = text.partition("||")
                entry.msgstr_plural = {0: singular, 1: plural or singular}
            else:
                entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = None
        if wanted:
            raise CommandError(f"Not in the catalogue: {sorted(wanted)}")
        catalogue.save()
        self.stdout.write(f"updated {po_path}")
