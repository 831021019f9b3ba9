"""The scheduled jobs as background tasks, queued by `manage.py run_scheduled`.

Each runs on the configured tasks backend (at once in development, by `db_worker` in
production), so a failure is kept, retried with backoff and can be run again by the
secretariat. Each job is idempotent: running it twice sends nothing twice.
"""

from django.tasks import task

from assessments.services import ballots, decisions, packs, roster
from triage_portal.audit.checkpoints import write_audit_checkpoint
from triage_portal.taskqueue import fail_abandoned_tasks, retried
from usecases.workflow import reminders


@task
def send_due_reminders(*, attempt: int = 1) -> dict[str, int]:
    """Remind proposers and the secretariat of clarifications and referrals falling due."""
    with retried(send_due_reminders, {}, attempt):
        return reminders.send_due_reminders()


@task
def remind_voters(*, attempt: int = 1) -> int:
    """Remind members who have not voted on a vote by correspondence closing within a day."""
    with retried(remind_voters, {}, attempt):
        return ballots.remind_voters()


@task
def close_due_ballots(*, attempt: int = 1) -> list[str]:
    """Close every vote by correspondence whose deadline has passed; return the decisions."""
    with retried(close_due_ballots, {}, attempt):
        return decisions.close_due_ballots()


@task
def remind_roster_expiries(*, attempt: int = 1) -> int:
    """Remind the secretariat and members of terms and vetting about to lapse (once each)."""
    with retried(remind_roster_expiries, {}, attempt):
        return roster.remind_expiries()


@task
def issue_due_packs(*, attempt: int = 1) -> list[str]:
    """Send members the papers of each meeting whose paper deadline has come (T-5)."""
    with retried(issue_due_packs, {}, attempt):
        return packs.issue_due_packs()


@task
def recover_abandoned_work(*, attempt: int = 1) -> dict[str, int]:
    """Mark failed the tasks and packs a stopped worker left unfinished, so they can be re-run."""
    with retried(recover_abandoned_work, {}, attempt):
        return {
            "tasks": len(fail_abandoned_tasks()),
            "packs": packs.fail_abandoned_packs(),
        }


# Last, so that the checkpoint covers what the other jobs logged.
SCHEDULED = [
    send_due_reminders,
    remind_voters,
    close_due_ballots,
    remind_roster_expiries,
    issue_due_packs,
    recover_abandoned_work,
    write_audit_checkpoint,
]
