from django.contrib import admin
from django.urls import include, path

from assessments.views.home import home

admin.site.site_header = "SSC Triage Portal administration"
admin.site.site_title = "SSC Triage Portal"

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("triage_portal.accounts.urls")),
    path("proposals/", include("usecases.urls")),
    path("committees/", include("assessments.urls")),
    path("admin/", admin.site.urls),
]
