from django.core.management.base import BaseCommand, CommandError
from django.tasks import TaskResultStatus

from assessments.tasks import SCHEDULED


class Command(BaseCommand):
    help = (
        "Queue the portal's scheduled jobs as background tasks: due-date reminders, reminders to "
        "vote by correspondence, closing votes by correspondence whose deadline has passed, and a "
        "signed checkpoint of the activity log (manage.py audit_checkpoint). "
        "Run it every 15 minutes, e.g. from cron: "
        "*/15 * * * * cd /srv/portal && .venv/bin/python manage.py run_scheduled"
    )

    def handle(self, *args, **options):
        failed = []
        for job in SCHEDULED:
            result = job.enqueue()
            if result.status == TaskResultStatus.SUCCESSFUL:
                self.stdout.write(f"{job.name}: done, {result.return_value}")
            elif result.status == TaskResultStatus.FAILED:
                failed.append(job.name)
                self.stderr.write(f"{job.name}: failed ({result.errors[-1].exception_class_path})")
            else:
                self.stdout.write(f"{job.name}: queued as task {result.id}")
        if failed:
            raise CommandError(f"Scheduled job(s) failed: {', '.join(failed)}")
