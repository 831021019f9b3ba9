from django.http import HttpResponse
from django.urls import path

from triage_portal.urls import urlpatterns as portal


def hello(request):
    """The ceiling: the same server, middleware and database connection, and no work."""
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *portal]
