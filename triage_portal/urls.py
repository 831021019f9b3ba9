from django.contrib import admin
from django.urls import include, path

from assessments.views.document_check import document_check
from assessments.views.home import home
from triage_portal import health, views

admin.site.site_header = "SSC Triage Portal administration"
admin.site.site_title = "SSC Triage Portal"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", home, name="home"),
    path("check-a-document/", document_check, name="document-check"),
    path("accounts/", include("triage_portal.accounts.urls")),
    path("proposals/", include("usecases.urls")),
    path("committees/", include("assessments.urls")),
    path("tasks/failed/", views.failed_tasks, name="failed-tasks"),
    path("tasks/<uuid:pk>/run-again/", views.task_run_again, name="task-run-again"),
    path("api/", include("assessments.api.urls")),
    path("admin/", admin.site.urls),
]
