"""Settings for the benchmark: the portal's own, its own database, and a bare "hello" view."""

import os
from pathlib import Path

from triage_portal.settings import *  # noqa: F403
from triage_portal.settings import BASE_DIR, DATABASES

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
BENCH_DIR = Path(os.environ.get("BENCH_DIR", str(BASE_DIR / "var" / "bench")))
BENCH_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["NAME"] = BENCH_DIR / "bench.sqlite3"
MEDIA_ROOT = BENCH_DIR / "media"
PORTAL_SHOW_DEMO_BANNER = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the bench signs in a lot
AXES_ENABLED = False
PORTAL_RATE_LIMITS_ENABLED = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
# Django's template backend, its renders timed for the share of each page spent in templates.
TEMPLATES = [
    {**TEMPLATES[0], "BACKEND": "bench.timing.TimedTemplates", "NAME": "django"},  # noqa: F405
    *TEMPLATES[1:],  # noqa: F405
]
