"""Write the latest figures into docs/performance.md, between its two marker lines."""

from pathlib import Path

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"


def _afresh(load: dict) -> str:
    if "detail_uncached" not in load:
        return "page cache not measured"
    return (
        f"{load['detail_uncached']['rps']:.0f} req/s with the page cache off, every request "
        "rendered afresh"
    )


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Measured on {m['date']}: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, "
        f"Python {m['python']}, scale `{report['scale']}`, load average "
        f"{m.get('load_average', '?')} at the start; the reference piece of Python took "
        f"{m.get('reference_ms', '?')} ms (`bench/__main__.py`, `reference_ms`: lower is faster).",
        "",
    ]
    for run in report["runs"]:
        data = run.get("dataset", {})
        lines += [f"### {run['database']}", ""]
        if data:
            lines += [
                f"Dataset: {data.get('meetings')} meetings, {data.get('submissions')} proposals, "
                f"{data.get('papers')} papers, {data.get('votes')} votes, "
                f"{data.get('activity_log')} activity-log rows (built in {run.get('build_seconds')} s).",
                "",
            ]
        if "jitter" in run:
            j = run["jitter"]
            lines += [
                f"The machine's own spread, just before the pages: a fixed piece of pure Python "
                f"timed 200 times took {j['median_ms']} ms median and {j['p95_ms']} ms p95 "
                f"({j['p95_over_median']} × the median), with no database and no Django.",
                "",
            ]
        lines += ["| Page | Median | p95 | Queries |", "|---|---|---|---|"]
        lines += [
            f"| {p['name']} | {p['median_ms']} ms | {p['p95_ms']} ms | {p['queries']} |"
            for p in run["pages"]
        ]
        load = run.get("load", {})
        if "hello" in load:
            lines += [
                "",
                f"Under load ({load['workers']} gunicorn workers, wrk for {load['seconds']} s each, "
                "hello and detail in alternate halves): "
                f"bare hello view {load['hello']['rps']:.0f} req/s (the ceiling), proposal detail "
                f"{load['detail']['rps']:.0f} req/s ({load['detail_vs_hello']:.0%} of the ceiling; "
                f"{_afresh(load)}), public register {load['register']['rps']:.0f} req/s; "
                f"web worker peak RSS {load['worker_peak_rss_mb']} MB.",
            ]
        if "voting" in run:
            v = run["voting"]
            lines += [
                "",
                f"Fifteen members voting in the same second: {v['recorded']} of {v['voters']} "
                f"recorded in {v['wall_ms']} ms, slowest vote {v['max_vote_ms']} ms, "
                f"{len(v['errors'])} errors.",
            ]
        lines += ["", "| Budget | Figure | Result |", "|---|---|---|"]
        lines += [
            f"| {b['budget']} | {b['figure']} | {'pass' if b['passed'] else '**FAIL**'} |"
            for b in run["budgets"]
        ]
        lines.append("")
    return "\n".join(lines)


def write(report: dict, path: Path) -> None:
    """Replace the figures of this scale (100x has its own markers), or append them."""
    start, end = (
        ("<!-- bench-100x:start -->", "<!-- bench-100x:end -->")
        if report["scale"] == "100x"
        else (START, END)
    )
    text = path.read_text() if path.exists() else ""
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}\n{markdown(report)}\n{end}{tail}")
