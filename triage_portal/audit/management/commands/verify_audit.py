from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from triage_portal.audit.verification import verify_audit_log

SHOWN = 50


def _listed(lines: list[str]) -> str:
    shown = "\n  ".join(lines[:SHOWN])
    more = f"\n  ... and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
    return f"\n  {shown}{more}"


class Command(BaseCommand):
    help = (
        "Check the activity log: every entry's keyed hash and link, the checkpoints kept outside "
        "the database (removed entries), and the records the log describes (proposals, decisions, "
        "votes, memberships). Name every entry and record that disagrees."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            type=Path,
            help="A checkpoint file, or a folder of them (default: AUDIT_CHECKPOINT_DIR), e.g. "
            "the line saved from a checkpoint e-mail.",
        )

    def handle(self, *args, **options):
        path = options["checkpoints"] or Path(settings.AUDIT_CHECKPOINT_DIR)
        result = verify_audit_log(path)
        message = []
        if result.problems:
            message.append("The activity log does not verify:" + _listed(result.problems))
        if result.differing:
            message.append(
                "Records differ from what the activity log recorded:" + _listed(result.differing)
            )
        if message:
            raise CommandError("\n".join(message))
        if result.checkpoints == 0:
            self.stderr.write(
                f"No checkpoint found in {path}: entries removed from the end of the log cannot be "
                "detected. Run `manage.py audit_checkpoint` (run_scheduled does, every time)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"The activity log is intact: {result.checked} entries verified, against "
                f"{result.checkpoints} checkpoints, and the records agree with it."
            )
        )
