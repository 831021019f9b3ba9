from django.core.management.base import BaseCommand

from usecases.workflow.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send due-date reminders for clarification requests and referrals. Run daily (cron or systemd timer)."

    def handle(self, *args, **options):
        counts = send_due_reminders()
        self.stdout.write(
            f"Reminded {counts['clarifications']} clarification request(s) and {counts['referrals']} referral(s)."
        )
