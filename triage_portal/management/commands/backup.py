from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from triage_portal.backups import BackupError, take


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the stored files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="A new or empty folder.")

    def handle(self, *args, **options):
        try:
            manifest = take(Path(options["out"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows and {len(manifest['files'])} files to {options['out']}"
            )
        )
