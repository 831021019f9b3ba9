"""python -m bench [--scale small|default|100x] [--db sqlite|postgres|both] [--json OUT] [--reuse]
   python -m bench load --seconds N --users U [--fault ...]   (the cluster: bench/cluster_load.py)

Runs the benchmark on each database in a process of its own, prints the figures and the budgets
(PASS/FAIL), and writes them as JSON. PostgreSQL: set BENCH_DATABASE_URL, or the benchmark
starts a throwaway cluster of its own (as root: initdb as user postgres, a free loopback port).
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from bench.budgets import FAIL, NOT_CONCLUSIVE, PASS, check
from bench.load import free_port

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def postgres():
    if os.environ.get("BENCH_DATABASE_URL"):
        yield os.environ["BENCH_DATABASE_URL"]
        return
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    folder = Path(tempfile.mkdtemp(prefix="bench-pg."))
    shutil.chown(folder, "postgres")
    port = free_port()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [
            *as_pg,
            pg_bin / "initdb",
            "-D",
            folder / "data",
            "-U",
            "postgres",
            "--auth=trust",  # noqa: S603
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c shared_buffers=512MB -c max_connections=100"
    subprocess.run(
        [
            *as_pg,
            pg_bin / "pg_ctl",
            "-D",
            folder / "data",
            "-l",
            folder / "log",
            "-w",  # noqa: S603
            "-o",
            options,
            "start",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_pg,
            pg_bin / "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "bench",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/bench"
    finally:
        subprocess.run(
            [*as_pg, pg_bin / "pg_ctl", "-D", folder / "data", "-m", "fast", "stop"],  # noqa: S603
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def run_one(database: str, args, url: str | None) -> dict:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    command = [
        sys.executable,
        "-m",
        "bench.run",
        "--scale",
        args.scale,
        "--out",
        str(out),
        "--requests",
        str(args.requests),
        "--load-seconds",
        str(args.load_seconds),
        "--write-every",
        str(args.write_every),
    ]
    if args.reuse:
        command.append("--reuse")
    print(f"\n=== {database} ===", flush=True)
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603
    return json.loads(out.read_text())


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": memory,
        "python": platform.python_version(),
        "date": datetime.date.today().isoformat(),
        # The machine may be shared: a load above the CPU count at the start says the figures
        # were taken with something else running.
        "load_average": round(os.getloadavg()[0], 2),
        "reference_ms": reference_ms(),
    }


def reference_ms() -> float:
    """The same fixed piece of pure Python on every run: how fast this machine is today.

    Hosted machines of the same description differ by two times and more from one day to the
    next; figures from two runs compare only beside this one.
    """
    import hashlib
    import time

    def work():
        digest = b""
        for _ in range(200_000):
            digest = hashlib.sha256(digest).digest()
        return sorted(str(n) for n in range(300_000))

    times = []
    for _ in range(5):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return round(sorted(times)[2], 1)


def main() -> None:
    if sys.argv[1:2] == ["load"]:  # the committee day on the cluster (bench/cluster_load.py)
        from bench.cluster_load import main as load

        sys.exit(load(sys.argv[2:]))
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", choices=["small", "default", "100x"], default="small")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--json", dest="json_out")
    parser.add_argument("--reuse", action="store_true", help="Use the dataset already in place.")
    parser.add_argument(
        "--requests", type=int, default=200, help="Requests per page (at least 200)."
    )
    parser.add_argument("--load-seconds", type=int, default=10)
    parser.add_argument(
        "--write-every", type=int, default=10, help="Page requests between two writes (0: none)."
    )
    parser.add_argument(
        "--write-docs", action="store_true", help="Put the figures into docs/performance.md."
    )
    args = parser.parse_args()

    report = {"machine": machine(), "scale": args.scale, "runs": []}
    if args.db in ("sqlite", "both"):
        report["runs"].append(run_one("SQLite", args, None))
    if args.db in ("postgres", "both"):
        with postgres() as url:
            report["runs"].append(run_one("PostgreSQL", args, url))

    print("\n=== Budgets ===")
    failures = inconclusive = 0
    for run in report["runs"]:
        run["budgets"] = [
            {"budget": b, "figure": f, "verdict": v, "passed": v == PASS} for b, f, v in check(run)
        ]
        print(f"\n{run['database']} ({run['scale']})")
        for row in run["budgets"]:
            failures += row["verdict"] == FAIL
            inconclusive += row["verdict"] == NOT_CONCLUSIVE
            print(f"  {row['verdict']:14}  {row['budget']:58} {row['figure']}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2))
        print(f"\nWrote {args.json_out}")
    if args.write_docs:
        from bench.report import write

        write(report, ROOT / "docs" / "performance.md")
        print("Updated docs/performance.md")
    if inconclusive:
        print(
            f"\n{inconclusive} budget(s) not conclusive: missed by less than the machine's own "
            "spread (over 1.3); run again on a quieter machine"
        )
    print(f"\n{failures} budget(s) failed" if failures else "\nNo budget failed")


if __name__ == "__main__":
    main()
