"""Make a new web worker ready for its first PDF before it takes a request.

A fresh process spends seconds on its first paper: importing WeasyPrint, loading fonts, and
drawing the process diagram once (cached for the process's life). `warm_up()` does that work at
start-up, from the WSGI module, so the first member to open a paper does not wait for it. Under
gunicorn's `--preload` (scripts/serve) it runs once in the master and every worker inherits the
result. It opens no database connection: a connection must not be shared across a fork.

PORTAL_WARM_UP lists the functions to call (dotted paths, no arguments), so the apps above
this one name their own work without this module importing them.
"""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.module_loading import import_string

from triage_portal.pdf import html_to_pdf

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Render a one-page PDF in the papers' style and call each function of PORTAL_WARM_UP."""
    html_to_pdf(render_to_string("pdf/warm_up.html"))
    for path in settings.PORTAL_WARM_UP:
        import_string(path)()
    logger.info("warmed up", extra={"functions": list(settings.PORTAL_WARM_UP)})
