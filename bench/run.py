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
    parser.add_argument(
        "--write-every", type=int, default=10, help="Page requests between two writes (0: none)."
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import dataset, measure, mix
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
    log(f"Pages under the mix (Django test client; a write every {args.write_every} requests)")
    if args.scale == "100x":
        # The 100x budgets are about the queue; what follows does not grow with the proposals
        # and was measured at the default scale.
        result |= mix.time_pages(args.requests, log=log, only=AT_100X, write_every=args.write_every)
        Path(args.out).write_text(json.dumps(result, indent=2))
        return
    result |= mix.time_pages(args.requests, log=log, write_every=args.write_every)
    for page in result["pages"]:
        log(
            f"  {page['name']:22} {page['median_ms']:7.1f} ms median {page['p95_ms']:7.1f} ms p95 "
            f"{page['queries']:3} queries · template {page['share_template']:.0%}, "
            f"SQL {page['share_sql']:.0%}, other Python {page['share_python']:.0%} "
            f"({page['variants']} URLs, {page['status']})"
        )
    spread = result["spread"]
    log(
        f"The machine's own spread, sampled {spread['samples']} times between the rounds: "
        f"p95 {spread['p95_over_median']} x its median"
    )
    if connection.vendor == "postgresql":
        log("Fifteen members voting in the same second")
        result["voting"] = measure.concurrent_votes(log=log)
    log("PDFs")
    result["pdf"] = measure.pdf_timings(log=log)
    result["fresh"] = _module("bench.fresh")
    fresh = result["fresh"]
    log(
        f"  a fresh worker: import and setup {fresh['import_and_setup_s']} s, warm-up "
        f"{fresh['warm_up_s']} s, first seed paper "
        f"{fresh['first_render_s']} s, then {fresh['warm_render_s']} s warm; peak "
        f"{fresh['peak_rss_mb']} MB after every key page, a PDF and a pack"
    )
    result["pack"] = _module("bench.pack")
    log(f"  20-paper pack: {result['pack']['seconds']} s, peak {result['pack']['peak_rss_mb']} MB")
    log("Under load (gunicorn + wrk)")
    writes = mix.Writes() if args.write_every else None
    result["load"] = under_load(
        dict(os.environ),
        _details(),
        args.load_seconds,
        log=log,
        write=writes.one if writes else None,
    )
    Path(args.out).write_text(json.dumps(result, indent=2))


def _module(name: str) -> dict:
    """Run one of the bench's modules in a fresh process; return the JSON it prints."""
    done = subprocess.run(  # noqa: S603 -- this interpreter, a module of ours
        [sys.executable, "-m", name], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _details() -> list[tuple[str, str]]:
    """(path, cookie) pairs: twenty proposals, each seen from one of four secretariat sessions."""
    from bench.measure import signed_in
    from usecases.models import Submission

    clients = [signed_in("secretariat@demo.example.com") for _ in range(4)]
    pks = (
        Submission.objects.filter(reference__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    pairs = []
    for n, pk in enumerate(pks[:20]):
        client = clients[n % len(clients)]
        client.get(f"/proposals/{pk}/")  # a browser holds its CSRF cookie as well
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
        pairs.append((f"/proposals/{pk}/", cookie))
    return pairs


if __name__ == "__main__":
    main()
