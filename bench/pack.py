"""Render a 20-paper meeting pack in a process of its own, and report its time and peak memory.

Run by the benchmark as `python -m bench.pack`, so that the peak RSS is the pack's alone.
"""

import json
import os
import resource
import sys
import time

import django


def render_twenty() -> dict:
    """Render the pack of the latest meeting with 20 papers or more; return its figures."""
    from django.db.models import Count

    from assessments.models import Meeting, Paper
    from assessments.papers.pack import pack_papers, render_pack
    from assessments.papers.render import Reader
    from triage_portal.accounts.models import User

    meeting = (
        Meeting.objects.annotate(n=Count("items__paper"))
        .filter(n__gte=20)
        .order_by("-date")
        .first()
    )
    reader = User.objects.get(email="secretariat@demo.example.com")
    papers = pack_papers(meeting, Paper.objects.all())[:20]
    start = time.perf_counter()
    data = render_pack(meeting, papers, Reader.of(reader))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "papers": len(papers),
        "seconds": round(seconds, 2),
        "bytes": len(data),
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    json.dump(render_twenty(), sys.stdout)


if __name__ == "__main__":
    main()
