from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from triage_portal.audit.checkpoints import write_checkpoint


class Command(BaseCommand):
    help = (
        "Append a signed checkpoint of the activity log's head (entries, newest id and hash, time) "
        "to AUDIT_CHECKPOINT_DIR/audit-checkpoints.jsonl and e-mail it to AUDIT_CHECKPOINT_EMAIL. "
        "run_scheduled does this every time it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Default: AUDIT_CHECKPOINT_DIR.")

    def handle(self, *args, **options):
        folder = options["dir"] or Path(settings.AUDIT_CHECKPOINT_DIR)
        result = write_checkpoint(folder)
        if result["written"]:
            self.stdout.write(
                self.style.SUCCESS(f"Checkpoint of {result['entries']} entries written to {folder}")
            )
        elif result["entries"]:
            self.stdout.write(
                f"Nothing logged since the last checkpoint ({result['entries']} entries)"
            )
        else:
            self.stdout.write("The activity log is empty: no checkpoint written")
