"""A fresh worker: its first seed-paper PDF, then its memory after the heaviest work.

Run by the benchmark as `python -m bench.fresh` in a process of its own, so that "cold" means
what a newly started worker meets: importing the portal, `django.setup()`, the warm-up a web
worker does before it takes a request (triage_portal/warm_up.py: WeasyPrint, fonts, the process
diagram; under gunicorn's --preload, once a server), and then the first render of the seed paper,
reported beside a second, warm render in the same process. Then the worker serves every key page (three variants
each, bench/mix.py), the seed paper's PDF through its view, and a 20-paper pack; its peak RSS
after all that is the worker's memory figure.
"""

import time

STARTED = time.perf_counter()

import json  # noqa: E402 -- the clock starts before anything is imported
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import django  # noqa: E402


def rss_mb(field: str = "VmRSS") -> float:
    """Return this process's resident memory (or its peak, VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from assessments.models import Paper
    from assessments.papers.render import render_paper
    from triage_portal.warm_up import warm_up

    set_up = time.perf_counter()
    warm_up()
    paper = Paper.objects.get(reference="TABASC_45_1508_14")
    ready = time.perf_counter()
    result = {
        "import_and_setup_s": round(set_up - STARTED, 3),
        "warm_up_s": round(ready - set_up, 3),
        "rss_after_setup_mb": rss_mb(),
    }
    render_paper(paper)
    first = time.perf_counter()
    render_paper(paper)
    warm = time.perf_counter()
    result |= {
        "first_render_s": round(first - ready, 3),
        "process_to_first_pdf_s": round(first - STARTED, 3),
        "warm_render_s": round(warm - first, 3),
        "rss_after_first_pdf_mb": rss_mb(),
    }
    from bench.measure import signed_in
    from bench.mix import Sessions, variants

    sessions, statuses = Sessions(), set()
    for _name, wanted in variants():
        for who, path in wanted[:3]:
            statuses.add(sessions.of(who).get(path).status_code)
    pdf = signed_in("member@demo.example.com").get(f"/committees/papers/{paper.pk}/pdf/")
    result |= {
        "page_statuses": sorted(statuses),
        "pdf_status": pdf.status_code,
        "rss_after_pages_and_pdf_mb": rss_mb(),
    }
    from bench.pack import render_twenty

    pack = render_twenty()
    result |= {"pack_seconds": pack["seconds"], "peak_rss_mb": rss_mb("VmHWM")}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
