import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triage_portal.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 -- configured by the line above

if settings.PORTAL_WARM_UP_ON_START:
    from triage_portal.warm_up import warm_up

    warm_up()
