"""The committee app's pages at the portal's top level, for anyone: "Check a document"."""

from django.urls import path

from assessments.views.document_check import document_check

urlpatterns = [
    path("check-a-document/", document_check, name="document-check"),
]
