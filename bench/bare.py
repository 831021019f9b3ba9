"""A bare Django "hello" — settings, URLs and view in one: the ceiling for the load figure.

No project middleware (MIDDLEWARE = []), no apps, no database: what Django itself costs per
request on this machine, served by the same gunicorn configuration as the portal
(`DJANGO_SETTINGS_MODULE=bench.bare`). Any path under /bench/hello/ answers, so that the load
test sends it the same many URLs it sends the portal.
"""

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-bare-hello-not-a-secret"  # noqa: S105 -- signs nothing
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare"
MIDDLEWARE: list[str] = []
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}
USE_TZ = True


def hello(request, rest: str = ""):
    """Answer "hello", and nothing else."""
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), path("bench/hello/<path:rest>", hello)]
