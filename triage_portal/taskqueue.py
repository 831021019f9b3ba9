"""Retries with backoff for background tasks, and running a failed task again.

A task that fails stays FAILED (so the secretariat sees it at /tasks/failed/, and staff see its
traceback in the admin under "Task results"), and a fresh attempt is queued to run later: 1, 2, 4, 8 ... minutes
after, up to TASK_MAX_ATTEMPTS. Backends that cannot defer work (the immediate backend used in
development and tests) do not retry: the failure is visible at once instead.
"""

import contextlib
import datetime

from django.conf import settings
from django.tasks import task_backends
from django.utils import timezone


def backoff_seconds(attempt: int) -> int:
    return settings.TASK_RETRY_BASE_SECONDS * 2 ** (attempt - 1)


def retry_later(task, kwargs: dict, attempt: int) -> bool:
    """Queue attempt+1 of the task after a backoff; False when no retry is possible or left."""
    backend = task_backends[task.backend]
    if attempt >= settings.TASK_MAX_ATTEMPTS or not backend.supports_defer:
        return False
    when = timezone.now() + datetime.timedelta(seconds=backoff_seconds(attempt))
    task.using(run_after=when).enqueue(**kwargs, attempt=attempt + 1)
    return True


@contextlib.contextmanager
def retried(task, kwargs: dict, attempt: int):
    """Around a task's body: on failure queue the next attempt, then let the failure stand."""
    try:
        yield
    except Exception:
        retry_later(task, kwargs, attempt)
        raise


RERUN = "tasks.rerun_task"  # the one permission for the admin action and for this service


def run_again(result, *, user) -> str:
    """Queue a failed task afresh with the same arguments (from the admin); return the new id."""
    from django.core.exceptions import PermissionDenied

    from triage_portal.audit.models import log_event

    if not user.has_perm(RERUN):
        raise PermissionDenied("Only the secretariat can run tasks again")
    args_kwargs = result.args_kwargs
    kwargs = {k: v for k, v in args_kwargs.get("kwargs", {}).items() if k != "attempt"}
    fresh = result.task.enqueue(*args_kwargs.get("args", []), **kwargs)
    log_event(
        "tasks.run_again",
        actor=user,
        data={"task": result.task_path, "failed": str(result.pk), "queued": str(fresh.id)},
    )
    return str(fresh.id)


ABANDONED = "triage_portal.taskqueue.WorkerStopped"


def fail_abandoned_tasks(now: datetime.datetime | None = None) -> list[str]:
    """Mark FAILED every task left RUNNING longer than TASK_ABANDONED_MINUTES; return their ids.

    A worker killed mid-task (kill -9, a lost machine) leaves its task RUNNING for ever; as
    FAILED it shows on /tasks/failed/ and can be run again. Tasks are idempotent, so running
    one again after a worker that was only slow is safe.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.TASK_ABANDONED_MINUTES)
    stale = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff)
    ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
    DBTaskResult.objects.filter(pk__in=ids, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path=ABANDONED,
        traceback=(
            f"The worker running this task stopped before it finished (still running after "
            f"{settings.TASK_ABANDONED_MINUTES} minutes). Run it again."
        ),
    )
    return ids
