from django.contrib import admin
from django.urls import include, path

from assessments.views.home import home
from triage_portal import health, views

admin.site.site_header = "SSC Triage Portal administration"
admin.site.site_title = "SSC Triage Portal"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", home, name="home"),
    path("accounts/", include("triage_portal.accounts.urls")),
    path("proposals/", include("usecases.urls")),
    path("committees/", include("assessments.urls")),
    path("tasks/failed/", views.failed_tasks, name="failed-tasks"),
    path("tasks/<uuid:pk>/run-again/", views.task_run_again, name="task-run-again"),
    path("api/", include("assessments.api.urls")),
    path("admin/", admin.site.urls),
]
