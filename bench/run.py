"""One database's run of the benchmark (the parent, bench/__main__.py, starts one per database)."""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
AT_100X = (
    "Secretariat queue",
    "Queue, filtered",
    "Queue, search",
    "Proposal detail",
    "Public register",
    "Member home",
)


def log(message: str) -> None:
    print(message, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="small")
    parser.add_argument("--out", required=True)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--load-seconds", type=int, default=10)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import dataset, measure
    from bench.load import under_load
    from usecases.models import Submission

    result = {"database": connection.vendor, "scale": args.scale}
    call_command("migrate", verbosity=0)
    if args.reuse and Submission.objects.exists():
        log(f"Reusing the {connection.vendor} dataset already in place")
    else:
        log(f"Building the {args.scale} dataset on {connection.vendor}")
        call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        result["dataset"] = dataset.build(args.scale, log=log)
        result["build_seconds"] = round(time.perf_counter() - started, 1)
        log(f"  built in {result['build_seconds']} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result["jitter"] = measure.machine_jitter()
    log(
        f"The machine's own spread: a fixed piece of Python, p95 "
        f"{result['jitter']['p95_over_median']} x its median"
    )
    log("Pages (Django test client)")
    if args.scale == "100x":
        # The 100x budgets are about the queue; what follows does not grow with the proposals
        # and was measured at the default scale.
        result["pages"] = measure.time_pages(args.requests, log=log, only=AT_100X)
        Path(args.out).write_text(json.dumps(result, indent=2))
        return
    result["pages"] = measure.time_pages(args.requests, log=log)
    if connection.vendor == "postgresql":
        log("Fifteen members voting in the same second")
        result["voting"] = measure.concurrent_votes(log=log)
    log("PDFs")
    result["pdf"] = measure.pdf_timings(log=log)
    pack = subprocess.run(  # noqa: S603 -- this interpreter, a module of ours
        [sys.executable, "-m", "bench.pack"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result["pack"] = json.loads(pack.stdout)
    log(f"  20-paper pack: {result['pack']['seconds']} s, peak {result['pack']['peak_rss_mb']} MB")
    log("Under load (gunicorn + wrk)")
    from usecases.models import Submission as S

    detail = S.objects.filter(reference__isnull=False).order_by("pk").first()
    client = measure.signed_in("secretariat@demo.example.com")
    client.get(f"/proposals/{detail.pk}/")  # a browser holds its CSRF cookie as well
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    result["load"] = under_load(
        dict(os.environ), f"/proposals/{detail.pk}/", cookie, args.load_seconds, log=log
    )
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
