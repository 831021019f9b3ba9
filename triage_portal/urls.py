from django.contrib import admin
from django.urls import include, path

from triage_portal import health, views
from triage_portal.web.home import home

admin.site.site_header = "SSC Triage Portal administration"
admin.site.site_title = "SSC Triage Portal"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", home, name="home"),
    path("", include("assessments.public_urls")),
    path("accounts/", include("triage_portal.accounts.urls")),
    path("proposals/", include("usecases.urls")),
    path("committees/", include("assessments.urls")),
    path("tasks/failed/", views.failed_tasks, name="failed-tasks"),
    path("tasks/<uuid:pk>/run-again/", views.task_run_again, name="task-run-again"),
    path("api/", include("triage_portal.web.urls")),
    path("admin/", admin.site.urls),
]
