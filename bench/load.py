"""Throughput under load: gunicorn serving the portal, wrk driving it from the loopback.

The ceiling is a bare Django "hello" (bench/bare.py: no project middleware, no apps, no
database) served by the same gunicorn configuration. The portal is sent many URLs with many
sessions (a wrk script turns through (path, cookie) pairs), so its caches hit only as often as
real traffic lets them; the hello is sent as many different URLs. Traffic goes only to
127.0.0.1, for a fixed duration, and stops by itself. While the portal is under load, the bench
writes through the services every half second (drafts, votes, sign-ins: bench/mix.py's Writes).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


ROUNDS = 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def start_gunicorn(env: dict, settings: str = "bench.settings") -> tuple[subprocess.Popen, str]:
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
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
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


def lua_script(targets: list[tuple[str, str]]) -> str:
    """A wrk script that sends each (path, cookie) in turn."""
    rows = ",\n".join(f"  {{{json.dumps(path)}, {json.dumps(cookie)}}}" for path, cookie in targets)
    return (
        f"local targets = {{\n{rows}\n}}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local t = targets[(n % #targets) + 1]\n"
        "  if t[2] == '' then return wrk.format('GET', t[1]) end\n"
        "  return wrk.format('GET', t[1], {['Cookie'] = t[2]})\n"
        "end\n"
    )


def wrk(
    base: str, targets: list[tuple[str, str]], seconds: int = 10, connections: int = 16
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(targets))
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name, base]
    try:
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603
    finally:
        os.unlink(script.name)
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


@contextmanager
def writing(write, every_s: float):
    """Call write() every every_s seconds in a thread of its own while the block runs.

    Yield the list of (writes made, errors) so far: a write that fails is counted, not raised.
    """
    stop, tally = threading.Event(), [0, 0]

    def loop():
        from django.db import connection

        try:
            while not stop.wait(every_s):
                try:
                    write()
                    tally[0] += 1
                except Exception:  # noqa: BLE001 -- counted and reported, not hidden
                    tally[1] += 1
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield tally
    finally:
        stop.set()
        thread.join(timeout=30)


def under_load(
    env: dict,
    details: list[tuple[str, str]],
    seconds: int,
    log=print,
    write=None,
    write_every_s: float = 0.5,
) -> dict:
    """Rates of the bare hello, the proposal page (many proposals and sessions) and the register.

    With write, a write is made every write_every_s seconds while the portal is under load (a
    committee day's drafts, votes and sign-ins), so its caches are emptied as in real use.
    """
    if not shutil.which("wrk"):
        log("  wrk is not installed (apt-get install wrk): load test skipped")
        return {"skipped": "wrk not installed"}
    hellos = [(f"/bench/hello/{n}/", cookie) for n, (_, cookie) in enumerate(details)]
    registers = [(f"/proposals/registers/proposals/?page={n}", "") for n in range(1, 5)]
    bare, bare_base = start_gunicorn(env, settings="bench.bare")
    portal, base = start_gunicorn(env)
    try:
        results = {"workers": workers(), "seconds": seconds, "urls": len(details)}
        # Interleaved, so that a slow spell of the machine falls on both alike.
        hello, detail = [], []
        with writing(write or (lambda: None), write_every_s) as tally:
            for _ in range(ROUNDS):
                hello.append(wrk(bare_base, hellos, seconds=seconds // ROUNDS))
                detail.append(wrk(base, details, seconds=seconds // ROUNDS))
            results["register"] = wrk(base, registers, seconds=seconds)
        results["hello"], results["detail"] = mean_of(hello), mean_of(detail)
        if write:
            results["writes"] = {"every_s": write_every_s, "made": tally[0], "failed": tally[1]}
        results["worker_peak_rss_mb"] = worker_peak_rss_mb(portal)
    finally:
        for process in (bare, portal):
            process.terminate()
            process.wait(timeout=20)
    # The same pages with every request rendered afresh: what a first view costs.
    process, base = start_gunicorn({**env, "PORTAL_PAGE_CACHE_SECONDS": "0"})
    try:
        results["detail_uncached"] = wrk(base, details, seconds=seconds)
    finally:
        process.terminate()
        process.wait(timeout=20)
    ratio = results["detail"]["rps"] / results["hello"]["rps"]
    results["detail_vs_hello"] = round(ratio, 3)
    log(
        f"  bare Django hello {results['hello']['rps']:.0f} req/s · proposal pages "
        f"({len(details)} URL and session pairs) {results['detail']['rps']:.0f} req/s "
        f"({ratio:.0%} of hello; {results['detail_uncached']['rps']:.0f} req/s rendered afresh) · "
        f"register {results['register']['rps']:.0f} req/s · "
        f"gunicorn worker peak {results['worker_peak_rss_mb']} MB"
        + (
            f" · {results['writes']['made']} writes meanwhile ({results['writes']['failed']} failed)"
            if write
            else ""
        )
    )
    return results
