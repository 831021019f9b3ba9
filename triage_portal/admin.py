"""Background task results in the admin, where the secretariat can run a failed one again;
and deleting several rows at once is logged to the ActivityLog like every other admin change.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from triage_portal.taskqueue import RERUN, run_again


class TaskResultAdmin(DBTaskResultAdmin):
    actions = ["run_failed_again"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(RERUN) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return request.user.has_perm(RERUN) or super().has_module_permission(request)

    def has_rerun_permission(self, request):
        return request.user.has_perm(RERUN)

    @admin.action(description="Run the selected failed tasks again", permissions=["rerun"])
    def run_failed_again(self, request, queryset):
        failed = queryset.failed()
        for result in failed:
            run_again(result, user=request.user)
        self.message_user(
            request,
            f"{failed.count()} failed task(s) queued again; "
            f"{queryset.count() - failed.count()} not failed, left alone.",
            messages.SUCCESS,
        )


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)


@admin.action(permissions=["delete"], description=delete_selected.short_description)
def audited_delete_selected(modeladmin, request, queryset):
    """Delete the selected rows as Django does, then log them as one ActivityLog event.

    Django records a deletion of several rows with LogEntry.bulk_create, which sends no
    post_save, so the receiver in audit/admin_log.py never hears of it; a single row is saved
    normally and logged there.
    """
    from triage_portal.audit.models import log_event

    doomed = [(str(obj.pk), str(obj)[:200]) for obj in queryset]
    response = delete_selected(modeladmin, request, queryset)
    gone = not modeladmin.model._base_manager.filter(pk__in=[pk for pk, _ in doomed]).exists()
    if response is None and len(doomed) > 1 and gone:
        meta = modeladmin.model._meta
        log_event(
            f"admin.{meta.app_label}.{meta.model_name}.deleted",
            actor=request.user,
            data={"object_ids": [pk for pk, _ in doomed], "objects": [r for _, r in doomed]},
        )
    return response


admin.site.add_action(audited_delete_selected, "delete_selected")
