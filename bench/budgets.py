"""The issue's budgets, checked against a run's figures: each is PASS, FAIL or NOT CONCLUSIVE.

A time that misses its budget by less than the machine's own spread (sampled throughout the
run, bench/mix.py), when that spread is over `CONCLUSIVE_SPREAD`, is NOT CONCLUSIVE rather than
FAIL: the machine alone moves a p95 that much. A page that does not answer 200 always fails.
"""

PAGE_P95_MS = 50
QUEUE_P95_MS_AT_100X = 150
LOAD_RATIO = 0.5
SEED_COLD_S = 0.5
SEED_CACHED_MS = 20
PACK_S = 10
WORKER_MB = 250
PACK_MB = 500
CONCLUSIVE_SPREAD = 1.3

PASS, FAIL, NOT_CONCLUSIVE = "PASS", "FAIL", "NOT CONCLUSIVE"


def spread_of(run: dict) -> float:
    """Return the machine's own spread (p95 over median) during the run, 1.0 if not sampled."""
    return (run.get("spread") or run.get("jitter") or {}).get("p95_over_median", 1.0)


def timed(figure: float, budget: float, spread: float) -> str:
    """Judge a time against its budget, given the machine's spread."""
    if figure <= budget:
        return PASS
    if spread > CONCLUSIVE_SPREAD and figure <= budget * spread:
        return NOT_CONCLUSIVE
    return FAIL


def check(run: dict) -> list[tuple[str, str, str]]:
    """Return (budget, figure, verdict) for one database's run."""
    spread = spread_of(run)
    rows = []
    limit = QUEUE_P95_MS_AT_100X if run["scale"] == "100x" else PAGE_P95_MS
    for page in run["pages"]:
        if run["scale"] == "100x" and not (
            page["name"].startswith("Queue") or page["name"] == "Secretariat queue"
        ):
            continue
        verdict = timed(page["p95_ms"], limit, spread) if page["status"] == 200 else FAIL
        figure = f"{page['p95_ms']} ms" + ("" if page["status"] == 200 else f" ({page['status']})")
        rows.append((f"{page['name']} p95 ≤ {limit} ms", figure, verdict))
    if "pdf" not in run:
        return rows  # 100x: only the pages
    pdf, pack, load = run["pdf"], run["pack"], run.get("load", {})
    fresh = run.get("fresh", {})
    if fresh:
        rows.append(
            (
                f"Seed paper cold (a new worker, after its warm-up) ≤ {SEED_COLD_S} s",
                f"{fresh['first_render_s']} s (warm {fresh['warm_render_s']} s)",
                timed(fresh["first_render_s"], SEED_COLD_S, spread),
            )
        )
    rows.append(
        (
            f"Seed paper from cache ≤ {SEED_CACHED_MS} ms",
            f"{pdf['seed_paper_cached_median_ms']} ms",
            timed(pdf["seed_paper_cached_median_ms"], SEED_CACHED_MS, spread),
        )
    )
    rows.append(
        (
            f"20-paper pack ≤ {PACK_S} s",
            f"{pack['seconds']} s",
            timed(pack["seconds"], PACK_S, spread),
        )
    )
    rows.append(
        (
            f"Pack render ≤ {PACK_MB} MB",
            f"{pack['peak_rss_mb']} MB",
            PASS if pack["peak_rss_mb"] <= PACK_MB else FAIL,
        )
    )
    workers = [fresh.get("peak_rss_mb", 0), load.get("worker_peak_rss_mb", 0)]
    if any(workers):
        rows.append(
            (
                f"Web worker ≤ {WORKER_MB} MB",
                f"{max(workers)} MB (after pages, a PDF and a pack: {workers[0]} MB; "
                f"gunicorn under load: {workers[1]} MB)",
                PASS if max(workers) <= WORKER_MB else FAIL,
            )
        )
    if "detail" in load:
        rows.append(
            (
                f"Proposal pages under load ≥ {LOAD_RATIO:.0%} of a bare Django hello",
                f"{load['detail']['rps']:.0f} / {load['hello']['rps']:.0f} req/s = "
                f"{load['detail_vs_hello']:.0%}",
                PASS if load["detail_vs_hello"] >= LOAD_RATIO else FAIL,
            )
        )
    if "voting" in run:
        v = run["voting"]
        rows.append(
            (
                "15 simultaneous votes all recorded",
                f"{v['recorded']}/{v['voters']} in {v['wall_ms']} ms",
                PASS if v["recorded"] == v["voters"] and not v["errors"] else FAIL,
            )
        )
    return rows
