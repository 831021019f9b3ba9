"""Background tasks on django-tasks-db: a failed e-mail stays visible, retries later, runs again."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from triage_portal.mail import deliver_email
from triage_portal.taskqueue import backoff_seconds

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "annexes"],  # as configured: tasks declare their queue
        }
    }
    # A real SMTP backend pointed at a port where nothing listens: delivery fails for real.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_BASE_SECONDS = 60


def work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def test_a_failed_email_stays_failed_and_is_retried_with_backoff(database_tasks):
    deliver_email.enqueue(subject="Hello", body="Body", to=["a@example.com"])

    work()

    failed = DBTaskResult.objects.get(status="FAILED")
    assert "ConnectionRefusedError" in failed.exception_class_path or failed.traceback
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    wait = (retry.run_after - timezone.now()).total_seconds()
    assert backoff_seconds(1) - 5 < wait <= backoff_seconds(1)
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [60, 120, 240]


def test_retries_stop_after_the_last_attempt(database_tasks):
    deliver_email.enqueue(subject="Hello", body="Body", to=["a@example.com"], attempt=3)

    work()

    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_the_secretariat_runs_a_failed_task_again_from_the_admin(database_tasks):
    deliver_email.enqueue(subject="Hello", body="Body", to=["a@example.com"], attempt=3)
    work()
    failed = DBTaskResult.objects.get(status="FAILED")
    office = UserFactory(role=Role.SECRETARIAT, is_staff=True)
    client = Client()
    client.force_login(office)

    listing = client.get("/admin/django_tasks_database/dbtaskresult/")
    response = client.post(
        "/admin/django_tasks_database/dbtaskresult/",
        {"action": "run_failed_again", "_selected_action": [str(failed.pk)]},
        follow=True,
    )

    assert listing.status_code == 200
    assert "1 failed task(s) queued again" in response.text
    again = DBTaskResult.objects.get(status="READY")
    assert again.args_kwargs["kwargs"] == {
        "subject": "Hello",
        "body": "Body",
        "to": ["a@example.com"],
    }
    assert ActivityLog.objects.filter(action="tasks.run_again", actor=office).exists()


def test_others_cannot_see_or_rerun_tasks(database_tasks):
    member = UserFactory(role=Role.SSC_MEMBER, is_staff=True)
    client = Client()
    client.force_login(member)

    assert client.get("/admin/django_tasks_database/dbtaskresult/").status_code in (302, 403)


def test_the_run_after_is_in_the_future(database_tasks):
    deliver_email.enqueue(subject="Hi", body="B", to=["a@example.com"])
    work()
    retry = DBTaskResult.objects.get(status="READY")

    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)


def test_the_secretariat_sees_failed_tasks_and_runs_one_again(database_tasks):
    deliver_email.enqueue(subject="Hello", body="Body", to=["a@example.com"], attempt=3)
    work()
    failed = DBTaskResult.objects.get(status="FAILED")
    office = UserFactory(role=Role.SECRETARIAT)
    client = Client()
    client.force_login(office)

    listing = client.get("/tasks/failed/")
    response = client.post(f"/tasks/{failed.pk}/run-again/", follow=True)

    assert "Send an e-mail" in listing.text and "3 of 3" in listing.text
    assert "ConnectionRefusedError" in listing.text and "a@example.com" not in listing.text
    assert f"/tasks/{failed.pk}/run-again/" in listing.text
    assert "“Send an e-mail” queued again." in response.text
    assert "Queued again" in response.text
    assert f"/tasks/{failed.pk}/run-again/" not in response.text
    again = DBTaskResult.objects.get(status="READY")
    assert again.args_kwargs["kwargs"] == {
        "subject": "Hello",
        "body": "Body",
        "to": ["a@example.com"],
    }
    entry = ActivityLog.objects.get(action="tasks.run_again")
    assert (entry.actor, entry.data["failed"]) == (office, str(failed.pk))


@pytest.mark.parametrize("role", [Role.PROPOSER, Role.SSC_MEMBER, Role.SSC_CHAIR])
def test_only_the_secretariat_reaches_the_failed_tasks_page(database_tasks, role):
    deliver_email.enqueue(subject="Hello", body="Body", to=["a@example.com"], attempt=3)
    work()
    failed = DBTaskResult.objects.get(status="FAILED")
    client = Client()
    client.force_login(UserFactory(role=role))

    assert client.get("/tasks/failed/").status_code == 404
    assert client.post(f"/tasks/{failed.pk}/run-again/").status_code == 404
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_run_scheduled_queues_the_jobs_for_the_worker(database_tasks):
    out = io.StringIO()
    call_command("run_scheduled", stdout=out)

    queued = DBTaskResult.objects.filter(status="READY")
    assert sorted(queued.values_list("task_path", flat=True)) == [
        "assessments.tasks.close_due_ballots",
        "assessments.tasks.issue_due_packs",
        "assessments.tasks.recover_abandoned_work",
        "assessments.tasks.remind_roster_expiries",
        "assessments.tasks.remind_voters",
        "assessments.tasks.send_due_reminders",
        "triage_portal.audit.checkpoints.write_audit_checkpoint",
    ]
    assert out.getvalue().count("queued as task") == 7

    work()

    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"] * 7
    assert DBTaskResult.objects.get(
        task_path="assessments.tasks.send_due_reminders"
    ).return_value == {"clarifications": 0, "referrals": 0}


def test_run_scheduled_runs_at_once_on_the_immediate_backend(db):
    out = io.StringIO()
    call_command("run_scheduled", stdout=out)

    assert out.getvalue().splitlines() == [
        "send_due_reminders: done, {'clarifications': 0, 'referrals': 0}",
        "remind_voters: done, 0",
        "close_due_ballots: done, []",
        "remind_roster_expiries: done, 0",
        "issue_due_packs: done, []",
        "recover_abandoned_work: done, {'tasks': 0, 'packs': 0}",
        "write_audit_checkpoint: done, {'written': False, 'entries': 0}",
    ]


def test_a_task_and_a_pack_left_running_by_a_stopped_worker_are_failed_and_run_again(
    database_tasks, secretariat
):
    """A worker killed mid-task leaves its task RUNNING for ever (found by the cluster's fault
    runs); the scheduled recovery marks it FAILED, so it is listed and can be run again."""
    from assessments.models import PackJob
    from assessments.services.packs import fail_abandoned_packs
    from tests.factories.committee import ssc_with_members
    from triage_portal.taskqueue import fail_abandoned_tasks, run_again

    deliver_email.enqueue(subject="Hello", body="Body", to=["a@example.com"])
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", started_at=an_hour_ago)
    meeting = ssc_with_members(1)[0].meetings.create(number=95, date=timezone.localdate())
    job = PackJob.objects.create(meeting=meeting, requested_by=secretariat, status="RUNNING")
    PackJob.objects.filter(pk=job.pk).update(created_at=an_hour_ago)
    fresh = PackJob.objects.create(meeting=meeting, requested_by=secretariat, status="RUNNING")

    [stale] = fail_abandoned_tasks()
    assert fail_abandoned_packs() == 1

    failed = DBTaskResult.objects.get(pk=stale)
    assert (failed.status, failed.exception_class_path) == (
        "FAILED",
        "triage_portal.taskqueue.WorkerStopped",
    )
    assert "stopped before it finished" in failed.traceback
    assert PackJob.objects.get(pk=job.pk).status == "FAILED"
    assert "Ask for it again" in PackJob.objects.get(pk=job.pk).error
    assert PackJob.objects.get(pk=fresh.pk).status == "RUNNING"  # not yet abandoned
    run_again(failed, user=secretariat)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
