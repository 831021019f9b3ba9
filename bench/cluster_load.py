"""python -m bench load: a committee day's mix (bench/locustfile.py) against the cluster.

    python -m bench load --seconds 120 --users 60 [--fault app-kill] [--json out.json]

Starts the cluster (scripts/cluster) unless one is running in CLUSTER_DIR, seeds people and
business of the run's own, runs Locust headless for the time given, samples PostgreSQL's
connection count every second, and reports requests/s, p50/p95/p99 per request type and
errors. With --fault, the fault is made --fault-at seconds in, and undone after
--fault-seconds; then the checks of bench/cluster_checks.py run. Exits 1 when a check fails.

Faults: app-kill (kill -9 app server 2, started again after), db-restart, worker-kill (the
task workers, killed while packs are being built, started again after), smtp-refuse, enospc
(the upload area made read-only ... see docs/load.md).
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.cluster_checks import DUE_COUNT, check, read_journal

ROOT = Path(__file__).resolve().parents[1]
FAULTS = ("app-kill", "db-restart", "worker-kill", "smtp-refuse", "enospc")
# Each person's think time (seconds): a committee day's hour pressed into minutes, or a person
# reading each page before the next.
PACES = {"pressed": "1,4", "human": "10,30"}


def cluster_dir() -> Path:
    return Path(os.environ.get("CLUSTER_DIR", "/tmp/ssc-cluster"))  # noqa: S108 -- as scripts/cluster


def cluster_env(folder: Path) -> dict:
    out = subprocess.run(
        ["bash", "-c", f"source {folder / 'cluster.env'} && env -0"],
        capture_output=True,
        check=True,
    ).stdout
    env = dict(line.split("=", 1) for line in out.decode().split("\0") if "=" in line)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def script(*args: str, env: dict | None = None) -> None:
    subprocess.run(["bash", "scripts/cluster", *args], cwd=ROOT, env=env, check=True)


def ensure_cluster(folder: Path) -> tuple[dict, bool]:
    env = {**os.environ, "CLUSTER_DIR": str(folder)}
    if (folder / "cluster.env").exists():
        return cluster_env(folder), False
    script("start", env=env)
    return cluster_env(folder), True


def seed(env: dict, label: str, args) -> dict:
    counts = {
        "members": 20,
        "proposers": 5,
        "drafts": max(2, args.seconds // 20),
        "queue": max(4, args.seconds // 10),
        "papers": 6,
        "meetings": 1,
        "ballots": max(2, args.seconds // 60),
    }
    if args.small:  # the CI check: fewer people, so the seeding takes seconds
        counts |= {"members": 8, "proposers": 3, "drafts": 2, "queue": 4, "papers": 3, "ballots": 1}
    out = subprocess.run(
        [sys.executable, "-m", "bench.cluster_seed", f"--label={label}"]
        + [f"--{k}={v}" for k, v in counts.items()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


class Connections(threading.Thread):
    """PostgreSQL's connections to the portal's database, once a second."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.samples: list[int] = []
        self.stopping = threading.Event()

    def run(self):
        import psycopg

        while not self.stopping.wait(1):
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=2) as db:
                    (n,) = db.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND pid <> pg_backend_pid()"
                    ).fetchone()
                self.samples.append(n)
            except Exception:  # noqa: S112 -- the database may be down in a fault window
                continue


def make_fault(name: str, env: dict, folder: Path) -> None:
    if name == "app-kill":
        script("app-kill", "2", env=env)
    elif name == "db-restart":
        script("db-restart", env=env)
    elif name == "worker-kill":
        script("worker-kill", env=env)
    elif name == "smtp-refuse":
        script("smtp-refuse", "on", env=env)
    elif name == "enospc":
        # No loopback device to fill here (and root ignores permissions): the upload folder is
        # swapped for a file, so every save into it fails with an OSError, as on a full disk.
        media = folder / "var" / "media" / "attachments"
        media.mkdir(parents=True, exist_ok=True)
        media.rename(media.with_name("attachments.aside"))
        media.write_text("the upload area is full (a fault of python -m bench load)")


def undo_fault(name: str, env: dict, folder: Path) -> None:
    if name == "app-kill":
        script("app-start", "2", env=env)
    elif name == "db-restart":
        pass
    elif name == "worker-kill":
        script("worker-start", env=env)
    elif name == "smtp-refuse":
        script("smtp-refuse", "off", env=env)
    elif name == "enospc":
        media = folder / "var" / "media" / "attachments"
        media.unlink()
        media.with_name("attachments.aside").rename(media)


def stats_table(prefix: Path) -> list[dict]:
    rows = []
    with open(f"{prefix}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "type": row["Type"],
                    "name": row["Name"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 2),
                    "p50_ms": _ms(row["50%"]),
                    "p95_ms": _ms(row["95%"]),
                    "p99_ms": _ms(row["99%"]),
                }
            )
    return rows


def _ms(value: str):
    return None if value in ("", "N/A") else int(float(value))


def read_timings(path: Path, started_at: float) -> list[tuple]:
    """Every request of the run: (seconds from the start, kind, milliseconds, failed)."""
    rows = []
    if not path.exists():
        return rows
    for line in path.read_text().splitlines():
        at, _name, _method, kind, ms, failed = line.rsplit(",", 5)
        rows.append((float(at) - started_at, kind, float(ms), failed == "1"))
    return rows


def percentiles(times: list[float]) -> dict:
    if not times:
        return {"count": 0}
    times = sorted(times)

    def at(share: float) -> int:
        return round(times[min(len(times) - 1, int(share * len(times)))])

    return {"count": len(times), "p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def by_kind(timings: list[tuple], windows: list, started_at: float) -> dict:
    """Percentiles over all pages (HTML read), forms sent and files, outside fault windows."""
    windows = [(a - started_at, b - started_at) for a, b in windows]
    calm = [t for t in timings if not any(a <= t[0] <= b for a, b in windows)]
    kinds = {}
    for kind in ("page", "form", "file"):
        rows = [t for t in calm if t[1] == kind]
        kinds[kind] = percentiles([t[2] for t in rows]) | {"failed": sum(t[3] for t in rows)}
    return kinds


def by_step(timings: list[tuple], steps: str) -> list[dict]:
    """For a staircase of users: each step's requests/s, page percentiles and failures."""
    out, begin = [], 0.0
    for step in steps.split(","):
        users, seconds = (int(n) for n in step.split(":"))
        rows = [t for t in timings if begin <= t[0] < begin + seconds]
        pages = [t[2] for t in rows if t[1] == "page"]
        out.append(
            {
                "users": users,
                "seconds": seconds,
                "rps": round(len(rows) / seconds, 1),
                "pages": percentiles(pages),
                "failed": sum(t[3] for t in rows),
            }
        )
        begin += seconds
    return out


def settle(env: dict, since: float, seconds: int = 240) -> None:
    """Wait until no task is waiting or running (packs and e-mail finish after the load)."""
    import psycopg

    deadline = time.time() + seconds
    while time.time() < deadline:
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as db:
            (busy,) = db.execute(DUE_COUNT, (since,)).fetchone()
        if busy == 0:
            return
        time.sleep(2)


def run(args) -> dict:
    folder = cluster_dir()
    env, started = ensure_cluster(folder)
    work = folder / "load" / time.strftime("%Y%m%d-%H%M%S")
    work.mkdir(parents=True)
    label = "load" + work.name.replace("-", "")
    print(f"==> Seeding the run's people ({label})", flush=True)
    people = seed(env, label, args)
    (work / "people.json").write_text(json.dumps(people))
    journal = work / "journal.jsonl"
    locust = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        *([] if args.steps else ["--users", str(args.users), "--spawn-rate", str(args.spawn_rate)]),
        "--run-time",
        f"{args.seconds}s",
        "--host",
        env["CLUSTER_URL"],
        "--csv",
        str(work / "locust"),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--exit-code-on-error",
        "0",
    ]
    load_env = {
        **env,
        "LOAD_PEOPLE": str(work / "people.json"),
        "LOAD_JOURNAL": str(journal),
        "LOAD_CERT": str(folder / "tls" / "cert.pem"),
        "LOAD_TIMINGS": str(work / "timings.csv"),
        "LOAD_WAIT": PACES[args.pace],
        "LOAD_STEPS": args.steps or "",
        "PYTHONPATH": str(ROOT),
    }
    load_before = round(os.getloadavg()[0], 2)
    connections = Connections(env["DATABASE_URL"])
    connections.start()
    print(
        f"==> {args.steps or args.users} users for {args.seconds} s against {env['CLUSTER_URL']}",
        flush=True,
    )
    started_at = time.time()
    process = subprocess.Popen(  # noqa: S603 -- fixed arguments
        locust,
        cwd=ROOT,
        env=load_env,
        stdout=open(work / "locust.log", "w"),
        stderr=subprocess.STDOUT,
    )
    windows = []
    for n, fault in enumerate(args.fault):
        at = args.fault_at + n * args.fault_every
        time.sleep(max(0, at - (time.time() - started_at)))
        begin = time.time()
        print(f"==> Fault: {fault} at {begin - started_at:.0f} s", flush=True)
        make_fault(fault, env, folder)
        time.sleep(args.fault_seconds)
        undo_fault(fault, env, folder)
        # Requests already under way when the fault ended may still fail: a short grace.
        windows.append((begin, time.time() + args.grace))
        print(f"==> Fault undone at {time.time() - started_at:.0f} s", flush=True)
    process.wait()
    elapsed = time.time() - started_at
    connections.stopping.set()
    print("==> Load done; waiting for the task queue to empty", flush=True)
    settle(env, started_at, args.settle)
    connections.join(timeout=5)
    results = check(read_journal(journal), env["DATABASE_URL"], env, windows, started_at)
    timings = read_timings(work / "timings.csv", started_at)
    report = {
        "load_average": [load_before, round(os.getloadavg()[0], 2)],
        "users": args.steps or args.users,
        "pace": args.pace,
        "seconds": args.seconds,
        "elapsed": round(elapsed, 1),
        "faults": args.fault,
        "fault_windows_s": [[round(a - started_at, 1) for a in w] for w in windows],
        "db_connections": {
            "max": max(connections.samples, default=0),
            "mean": round(sum(connections.samples) / max(1, len(connections.samples)), 1),
        },
        "requests": stats_table(work / "locust"),
        "by_kind": by_kind(timings, windows, started_at),
        "steps": by_step(timings, args.steps) if args.steps else [],
        "checks": results,
        "folder": str(work),
    }
    (work / "report.json").write_text(json.dumps(report, indent=2))
    if started and args.stop:
        script("stop", env={**os.environ, "CLUSTER_DIR": str(folder)})
    return report


def show(report: dict) -> None:
    faults = ", ".join(report["faults"]) or "none"
    print(
        f"\n{report['users']} users ({report['pace']} pace), {report['seconds']} s, faults: {faults}"
    )
    print(f"fault windows (s from the start): {report['fault_windows_s']}")
    print(f"{'request':34} {'count':>6} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in report["requests"]:
        print(
            f"{row['name'][:34]:34} {row['requests']:6} {row['failures']:5} {row['rps']:7} "
            f"{row['p50_ms'] or '':>6} {row['p95_ms'] or '':>6} {row['p99_ms'] or '':>6}"
        )
    for kind, row in report["by_kind"].items():
        if row["count"]:
            print(
                f"all {kind}s (outside fault windows): {row['count']} requests, {row['failed']}"
                f" failed, p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, p99 {row['p99_ms']} ms"
            )
    for step in report["steps"]:
        pages = step["pages"]
        print(
            f"step {step['users']} users for {step['seconds']} s: {step['rps']} req/s,"
            f" {step['failed']} failed, pages p50 {pages.get('p50_ms')} ms,"
            f" p95 {pages.get('p95_ms')} ms, p99 {pages.get('p99_ms')} ms"
        )
    print(f"database connections: {report['db_connections']}")
    print(f"machine load average (before, after): {report['load_average']}")
    checks = report["checks"]
    print(f"acknowledged writes: {checks['acknowledged']}")
    print(f"pack jobs: {checks['pack_jobs']}; tasks: {checks['tasks']}")
    print(
        f"failed requests: {checks['failures']} "
        f"({checks['failures_in_fault_windows']} inside the fault window) {checks['failure_pages']}"
    )
    print(f"verify_audit: {checks['verify_audit']}")
    for problem in checks["problems"]:
        print(f"PROBLEM: {problem}")
    print("Every check passed" if not checks["problems"] else "Checks FAILED")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument(
        "--pace", choices=sorted(PACES), default="pressed", help="Each person's think time."
    )
    parser.add_argument(
        "--steps",
        default="",
        help='A staircase of users, "USERS:SECONDS,...", in place of --users (the break point).',
    )
    parser.add_argument(
        "--fault", action="append", default=[], choices=FAULTS, help="Repeat for several."
    )
    parser.add_argument(
        "--fault-every", type=float, default=45, help="Seconds between several faults."
    )
    parser.add_argument("--fault-at", type=float, default=20)
    parser.add_argument("--fault-seconds", type=float, default=10)
    parser.add_argument("--grace", type=float, default=5)
    parser.add_argument("--stop", action="store_true", help="Stop a cluster this run started.")
    parser.add_argument("--small", action="store_true", help="Fewer people (the CI check).")
    parser.add_argument(
        "--settle", type=int, default=240, help="Seconds to wait for the task queue to empty."
    )
    parser.add_argument("--json", dest="json_out")
    args = parser.parse_args(argv)
    if args.steps:
        args.seconds = sum(int(step.split(":")[1]) for step in args.steps.split(","))
    if not shutil.which("nginx") and not (cluster_dir() / "cluster.env").exists():
        print("The cluster needs nginx: scripts/cluster installs it (Debian).", file=sys.stderr)
    report = run(args)
    show(report)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2))
    return 1 if report["checks"]["problems"] else 0
