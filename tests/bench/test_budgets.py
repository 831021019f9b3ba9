"""The bench's verdicts: a page that misses its budget by less than a wide spread is not conclusive."""

from bench.budgets import FAIL, NOT_CONCLUSIVE, PASS, check, timed


def _run(p95_ms: float, spread: float, status: int = 200) -> dict:
    page = {"name": "Proposal detail", "p95_ms": p95_ms, "status": status}
    return {"scale": "default", "pages": [page], "spread": {"p95_over_median": spread}}


def test_a_page_within_its_budget_passes():
    assert check(_run(50.0, 2.0)) == [("Proposal detail p95 ≤ 50 ms", "50.0 ms", PASS)]


def test_a_page_over_its_budget_by_less_than_a_wide_spread_is_not_conclusive():
    assert check(_run(64.0, 1.3 + 0.01)) == [
        ("Proposal detail p95 ≤ 50 ms", "64.0 ms", NOT_CONCLUSIVE)
    ]


def test_a_page_over_its_budget_by_more_than_the_spread_fails():
    assert check(_run(66.0, 1.31)) == [("Proposal detail p95 ≤ 50 ms", "66.0 ms", FAIL)]


def test_a_narrow_spread_leaves_no_room():
    assert timed(51.0, 50, 1.3) == FAIL
    assert timed(51.0, 50, 1.31) == NOT_CONCLUSIVE


def test_a_page_that_does_not_answer_200_fails_whatever_the_spread():
    assert check(_run(10.0, 3.0, status=500)) == [
        ("Proposal detail p95 ≤ 50 ms", "10.0 ms (500)", FAIL)
    ]


def test_the_worker_budget_takes_the_fresh_worker_after_a_pack():
    run = {
        **_run(10.0, 1.0),
        "pdf": {"seed_paper_cached_median_ms": 3.0},
        "pack": {"seconds": 4.0, "peak_rss_mb": 200.0},
        "fresh": {"first_render_s": 0.9, "warm_render_s": 0.2, "peak_rss_mb": 260.0},
        "load": {"worker_peak_rss_mb": 120.0},
    }
    rows = {budget: (figure, verdict) for budget, figure, verdict in check(run)}
    assert rows["Seed paper cold (a new worker, after its warm-up) ≤ 0.5 s"] == (
        "0.9 s (warm 0.2 s)",
        FAIL,
    )
    assert rows["Web worker ≤ 250 MB"] == (
        "260.0 MB (after pages, a PDF and a pack: 260.0 MB; gunicorn under load: 120.0 MB)",
        FAIL,
    )
