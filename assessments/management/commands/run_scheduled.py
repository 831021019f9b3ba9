from django.core.management.base import BaseCommand

from assessments.services.ballots import remind_voters
from assessments.services.decisions import close_due_ballots
from usecases.workflow.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Run the portal's scheduled jobs: due-date reminders, reminders to vote by correspondence, and "
        "closing votes by correspondence whose deadline has passed. Run it every 15 minutes, e.g. from cron: "
        "*/15 * * * * cd /srv/portal && .venv/bin/python manage.py run_scheduled"
    )

    def handle(self, *args, **options):
        reminded = send_due_reminders()
        voters = remind_voters()
        closed = close_due_ballots()
        self.stdout.write(
            f"Reminded {reminded['clarifications']} clarification(s), {reminded['referrals']} referral(s) and "
            f"{voters} voter(s); closed {len(closed)} vote(s) by correspondence: {', '.join(closed) or 'none'}."
        )
