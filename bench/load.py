"""Throughput under load: gunicorn serving the portal, wrk driving it from the loopback.

The ceiling is a bare "hello" view served by the same gunicorn configuration in the same run.
Traffic goes only to 127.0.0.1, for a fixed duration, and stops by itself.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


ROUNDS = 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 -- fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "triage_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers()),
            "--log-level",
            "warning",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/bench/hello/", timeout=1)  # noqa: S310 -- loopback
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def wrk(url: str, cookie: str = "", seconds: int = 10, connections: int = 16) -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        args[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": rps,
        "p99_ms": round(float(p99.group(1)) * scale[p99.group(2)], 1) if p99 else None,
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def mean_of(runs: list[dict]) -> dict:
    """The rounds of one URL taken together: mean rate, worst p99, all errors."""
    p99s = [run["p99_ms"] for run in runs if run["p99_ms"] is not None]
    return {
        "rps": round(sum(run["rps"] for run in runs) / len(runs), 2),
        "p99_ms": max(p99s, default=None),
        "errors": sum(run["errors"] for run in runs),
    }


def worker_peak_rss_mb(master: subprocess.Popen) -> float:
    peaks = []
    for child in Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return round(max(peaks, default=0), 1)


def under_load(env: dict, detail_path: str, cookie: str, seconds: int, log=print) -> dict:
    if not shutil.which("wrk"):
        log("  wrk is not installed (apt-get install wrk): load test skipped")
        return {"skipped": "wrk not installed"}
    process, base = start_gunicorn(env)
    try:
        results = {"workers": workers(), "seconds": seconds}
        # Interleaved, so that a slow spell of the machine falls on both alike.
        hello, detail = [], []
        for _ in range(ROUNDS):
            hello.append(wrk(base + "/bench/hello/", seconds=seconds // ROUNDS))
            detail.append(wrk(base + detail_path, cookie=cookie, seconds=seconds // ROUNDS))
        results["hello"], results["detail"] = mean_of(hello), mean_of(detail)
        results["register"] = wrk(base + "/proposals/registers/proposals/", seconds=seconds)
        results["worker_peak_rss_mb"] = worker_peak_rss_mb(process)
    finally:
        process.terminate()
        process.wait(timeout=20)
    # The same page with every request rendered afresh: what a first view costs.
    process, base = start_gunicorn({**env, "PORTAL_PAGE_CACHE_SECONDS": "0"})
    try:
        results["detail_uncached"] = wrk(base + detail_path, cookie=cookie, seconds=seconds)
    finally:
        process.terminate()
        process.wait(timeout=20)
    ratio = results["detail"]["rps"] / results["hello"]["rps"]
    results["detail_vs_hello"] = round(ratio, 3)
    log(
        f"  hello {results['hello']['rps']:.0f} req/s · detail {results['detail']['rps']:.0f} req/s "
        f"({ratio:.0%} of hello; {results['detail_uncached']['rps']:.0f} req/s rendered afresh) · register {results['register']['rps']:.0f} req/s · "
        f"worker peak {results['worker_peak_rss_mb']} MB"
    )
    return results
