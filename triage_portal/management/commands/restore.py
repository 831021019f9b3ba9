from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from triage_portal.backups import BackupError, restore


class Command(BaseCommand):
    help = "Load a backup (from `manage.py backup`) into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, **options):
        try:
            manifest = restore(Path(options["folder"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {len(manifest['files'])} files from {options['folder']} "
                f"(taken {manifest['taken_at']}). Run `manage.py verify_audit` to check the chain."
            )
        )
