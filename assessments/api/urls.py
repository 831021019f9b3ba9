"""/api/: the routes of both apps, the OpenAPI schema and its documentation page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from assessments.api.views import DecisionViewSet, MeetingViewSet, PaperViewSet
from assessments.views.api_docs import api_docs
from usecases.api.views import RegisterViewSet, SubmissionViewSet

router = DefaultRouter()
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("papers", PaperViewSet, basename="paper")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("registers", RegisterViewSet, basename="register")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs, name="docs"),
    path("", include(router.urls)),
]
