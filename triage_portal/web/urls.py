"""/api/: the routes the apps registered, the OpenAPI schema and its documentation page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from triage_portal.web.api import router
from triage_portal.web.api_docs import api_docs

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs, name="docs"),
    path("", include(router.urls)),
]
