from django.http import HttpResponse
from django.urls import path

from triage_portal.urls import urlpatterns as portal


def hello(request):
    """Say the portal's server is up (the bench waits for it); the load ceiling is bench/bare.py."""
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *portal]
