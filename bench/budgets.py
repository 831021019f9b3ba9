"""The issue's budgets, checked against a run's figures: each prints PASS or FAIL."""

PAGE_P95_MS = 50
QUEUE_P95_MS_AT_100X = 150
LOAD_RATIO = 0.5
SEED_COLD_S = 0.5
SEED_CACHED_MS = 20
PACK_S = 10
WORKER_MB = 250
PACK_MB = 500


def check(run: dict) -> list[tuple[str, str, bool]]:
    """Return (budget, figure, passed) for one database's run."""
    rows = []
    if run["scale"] == "100x":
        for page in run["pages"]:
            if page["name"].startswith("Queue") or page["name"] == "Secretariat queue":
                rows.append(
                    (
                        f"{page['name']} p95 ≤ {QUEUE_P95_MS_AT_100X} ms",
                        f"{page['p95_ms']} ms",
                        page["p95_ms"] <= QUEUE_P95_MS_AT_100X,
                    )
                )
    else:
        for page in run["pages"]:
            rows.append(
                (
                    f"{page['name']} p95 ≤ {PAGE_P95_MS} ms",
                    f"{page['p95_ms']} ms",
                    page["p95_ms"] <= PAGE_P95_MS and page["status"] == 200,
                )
            )
    if "pdf" not in run:
        return rows  # 100x: only the pages
    pdf, pack, load = run["pdf"], run["pack"], run.get("load", {})
    rows.append(
        (
            f"Seed paper cold ≤ {SEED_COLD_S} s",
            f"{pdf['seed_paper_cold_median_s']} s",
            pdf["seed_paper_cold_median_s"] <= SEED_COLD_S,
        )
    )
    rows.append(
        (
            f"Seed paper from cache ≤ {SEED_CACHED_MS} ms",
            f"{pdf['seed_paper_cached_median_ms']} ms",
            pdf["seed_paper_cached_median_ms"] <= SEED_CACHED_MS,
        )
    )
    rows.append((f"20-paper pack ≤ {PACK_S} s", f"{pack['seconds']} s", pack["seconds"] <= PACK_S))
    rows.append(
        (f"Pack render ≤ {PACK_MB} MB", f"{pack['peak_rss_mb']} MB", pack["peak_rss_mb"] <= PACK_MB)
    )
    if "detail" in load:
        rows.append(
            (
                f"Detail under load ≥ {LOAD_RATIO:.0%} of hello",
                f"{load['detail']['rps']:.0f} / {load['hello']['rps']:.0f} req/s = {load['detail_vs_hello']:.0%}",
                load["detail_vs_hello"] >= LOAD_RATIO,
            )
        )
        rows.append(
            (
                f"Web worker ≤ {WORKER_MB} MB",
                f"{load['worker_peak_rss_mb']} MB",
                load["worker_peak_rss_mb"] <= WORKER_MB,
            )
        )
    if "voting" in run:
        v = run["voting"]
        rows.append(
            (
                "15 simultaneous votes all recorded",
                f"{v['recorded']}/{v['voters']} in {v['wall_ms']} ms",
                v["recorded"] == v["voters"] and not v["errors"],
            )
        )
    return rows
