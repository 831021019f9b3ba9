from django.core.management.base import BaseCommand, CommandError

from triage_portal.audit.models import first_broken_entry
from triage_portal.audit.record_checks import records_differing_from_log


class Command(BaseCommand):
    help = "Check the activity log's hash chain; name the first entry that was changed, removed or inserted."

    def handle(self, *args, **options):
        broken, checked = first_broken_entry()
        if broken == -1:
            raise CommandError(
                f"The newest entries were removed: the chain head does not match ({checked} entries checked)."
            )
        if broken is not None:
            raise CommandError(
                f"The activity log was tampered with at entry {broken} ({checked} entries checked)."
            )
        differing = records_differing_from_log()
        if differing:
            raise CommandError(
                "Records differ from what the activity log recorded: " + "; ".join(differing)
            )
        self.stdout.write(
            self.style.SUCCESS(f"The activity log is intact: {checked} entries verified.")
        )
