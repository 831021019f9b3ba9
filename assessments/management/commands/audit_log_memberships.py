from django.core.management.base import BaseCommand

from assessments.membership_log import log_unlogged_memberships


class Command(BaseCommand):
    help = (
        "Log the seat, term and vetting of every membership the activity log holds no values "
        "for: once, after upgrading to a portal that logs them, and after checking them, since "
        "from then on verify_audit holds each membership to what the log recorded."
    )

    def handle(self, *args, **options):
        count = log_unlogged_memberships()
        self.stdout.write(self.style.SUCCESS(f"Logged {count} memberships"))
