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


def _verdict(row: dict) -> str:
    verdict = row.get("verdict") or ("PASS" if row["passed"] else "FAIL")
    return {"PASS": "pass", "FAIL": "**FAIL**"}.get(verdict, "not conclusive")


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
        if "spread" in run:
            j = run["spread"]
            lines += [
                f"The machine's own spread, sampled {j['samples']} times between the rounds of "
                f"pages: a fixed piece of pure Python took {j['median_ms']} ms median and "
                f"{j['p95_ms']} ms p95 ({j['p95_over_median']} × the median), with no database "
                "and no Django.",
                "",
            ]
        writes = run.get("writes", {})
        if writes.get("every"):
            lines += [
                f"Pages timed in rounds over several URLs and sessions each, a write through the "
                f"services every {writes['every']} requests: {writes.get('draft_saved', 0)} drafts "
                f"saved, {writes.get('vote_cast', 0)} votes cast, {writes.get('signed_in', 0)} "
                f"sign-ins ({writes.get('refusals', 0)} refused).",
                "",
            ]
        lines += [
            "| Page | URLs | Median | p95 | Queries | Template | SQL | Other Python |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {p['name']} | {p.get('variants', 1)} | {p['median_ms']} ms | {p['p95_ms']} ms | "
            f"{p['queries']} | {p.get('share_template', 0):.0%} | {p.get('share_sql', 0):.0%} | "
            f"{p.get('share_python', 0):.0%} |"
            for p in run["pages"]
        ]
        fresh = run.get("fresh")
        if fresh:
            lines += [
                "",
                f"A fresh worker (`bench/fresh.py`): import and `django.setup()` "
                f"{fresh['import_and_setup_s']} s, the warm-up a web worker does before its "
                f"first request {fresh['warm_up_s']} s, its first seed-paper PDF "
                f"{fresh['first_render_s']} s ({fresh['process_to_first_pdf_s']} s from the "
                f"process's start), the second {fresh['warm_render_s']} s; "
                f"{fresh['rss_after_setup_mb']} MB after setup, {fresh['rss_after_first_pdf_mb']} MB "
                f"after the PDF, {fresh['rss_after_pages_and_pdf_mb']} MB after every key page, "
                f"peak {fresh['peak_rss_mb']} MB after a 20-paper pack as well.",
            ]
        load = run.get("load", {})
        if "hello" in load:
            lines += [
                "",
                f"Under load ({load['workers']} gunicorn workers, wrk for {load['seconds']} s each, "
                "hello and proposal pages in alternate halves): "
                f"a bare Django hello (no middleware) {load['hello']['rps']:.0f} req/s (the "
                f"ceiling), proposal pages ({load.get('urls', 1)} proposal and session pairs) "
                f"{load['detail']['rps']:.0f} req/s ({load['detail_vs_hello']:.0%} of the ceiling; "
                f"{_afresh(load)}), public register {load['register']['rps']:.0f} req/s; "
                f"gunicorn worker peak RSS {load['worker_peak_rss_mb']} MB.",
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
        lines += [f"| {b['budget']} | {b['figure']} | {_verdict(b)} |" for b in run["budgets"]]
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
