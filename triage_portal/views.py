"""The secretariat's page of background tasks that failed, with "Run again"."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult

from triage_portal.audit.models import ActivityLog
from triage_portal.permissions import permission_needed
from triage_portal.taskqueue import RERUN, run_again

# Plain words for the task paths the secretariat will meet.
TASK_NAMES = {
    "triage_portal.mail.deliver_email": "Send an e-mail",
    "assessments.services.packs.build_pack": "Build a meeting pack",
    "assessments.tasks.send_due_reminders": "Send due-date reminders",
    "assessments.tasks.remind_voters": "Remind members to vote by correspondence",
    "assessments.tasks.close_due_ballots": "Close votes by correspondence",
}


@permission_needed(RERUN)
def failed_tasks(request):
    """List the newest failed task results; those already queued again are marked so."""
    queued_again = set(
        ActivityLog.objects.filter(action="tasks.run_again").values_list("data__failed", flat=True)
    )
    results = DBTaskResult.objects.failed().order_by("-finished_at")[:100]
    rows = [
        {
            "id": result.pk,
            "name": TASK_NAMES.get(result.task_path, result.task_path),
            "finished_at": result.finished_at,
            # The exception's class only: messages can quote addresses or restricted text.
            "error": result.exception_class_path.rpartition(".")[2],
            "attempt": result.args_kwargs.get("kwargs", {}).get("attempt", 1),
            "queued_again": str(result.pk) in queued_again,
        }
        for result in results
    ]
    return render(
        request,
        "triage_portal/task/failed_list.html",
        {"rows": rows, "max_attempts": settings.TASK_MAX_ATTEMPTS},
    )


@permission_needed(RERUN)
@require_POST
def task_run_again(request, pk):
    result = get_object_or_404(DBTaskResult.objects.failed(), pk=pk)
    run_again(result, user=request.user)
    messages.success(
        request, f"“{TASK_NAMES.get(result.task_path, result.task_path)}” queued again."
    )
    return redirect("failed-tasks")
