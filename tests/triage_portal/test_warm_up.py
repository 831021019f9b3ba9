import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, time
started = time.perf_counter()
import triage_portal.wsgi
from django.db import connection
from usecases.presentation.diagram_print import diagram_page
print(json.dumps({"diagram_pages": diagram_page.cache_info().currsize,
                  "connected": connection.connection is not None}))
"""


def probe(warm: str) -> dict:
    env = {**os.environ, "PORTAL_WARM_UP_ON_START": warm, "DJANGO_ENV": "development"}
    env.pop("DATABASE_URL", None)  # SQLite: the probe must not need the test database
    out = subprocess.run(  # noqa: S603 -- this interpreter, a fixed script
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_wsgi_module_warms_a_worker_up_without_opening_a_database_connection():
    assert probe("true") == {"diagram_pages": 1, "connected": False}


def test_without_warm_up_the_wsgi_module_renders_nothing():
    assert probe("false") == {"diagram_pages": 0, "connected": False}
