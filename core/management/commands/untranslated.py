from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "List the entries of a catalogue (default nn) that are empty or fuzzy, each with its "
        "bokmål translation to translate from. Exits with status 1 when there are any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("locale", nargs="?", default="nn")
        parser.add_argument(
            "--tsv",
            action="store_true",
            help="One line per entry, msgid<TAB>bokmål, to edit and feed to apply_translations.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        locale_dir = Path(settings.LOCALE_PATHS[0])
        po_path = locale_dir / options["locale"] / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            raise CommandError(f"No catalogue at {po_path}")
        bokmal = {e.msgid: e for e in polib.pofile(str(locale_dir / "nb/LC_MESSAGES/django.po"))}
        catalogue = polib.pofile(str(po_path))
        todo = catalogue.untranslated_entries() + catalogue.fuzzy_entries()
        for entry in todo:
            source = bokmal.get(entry.msgid)
            if options["tsv"]:
                texts = [] if source is None else list(source.msgstr_plural.values())
                nb = "||".join(texts) if entry.msgid_plural else (source.msgstr if source else "")
                self.stdout.write(f"{entry.msgid}\t{nb}")
                continue
            where = ", ".join(sorted({path for path, _line in entry.occurrences}))
            self.stdout.write(f"#: {where}")
            self.stdout.write(f"msgid: {entry.msgid}")
            if entry.msgid_plural:
                self.stdout.write(f"msgid_plural: {entry.msgid_plural}")
            if source is not None:
                nb = (
                    " / ".join(source.msgstr_plural.values())
                    if source.msgid_plural
                    else source.msgstr
                )
                self.stdout.write(f"nb: {nb}")
            self.stdout.write("")
        self.stderr.write(
            f"{len(todo)} of {len(catalogue)} entries in {options['locale']} to translate"
        )
        if todo:
            raise SystemExit(1)
