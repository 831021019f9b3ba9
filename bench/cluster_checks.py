"""After a load run: did the portal keep every promise it made while it ran?

- every write it acknowledged is in the database (a submitted proposal, a registration, an
  issued paper, an upload, a pack job, a vote);
- every vote is there exactly once, none lost and none doubled;
- every pack job and task has finished, or failed visibly and can be run again;
- the activity log verifies (manage.py verify_audit);
- every failed request fell inside a fault's window, and none showed a traceback.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A task due now or running (django-tasks-db stores "no run_after" as year 9999; a failed
# task's retry, queued for later, is not due: the failure is visible, the retry pending).
DUE_COUNT = (
    "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE (status = 'RUNNING'"
    " OR (status = 'READY' AND (run_after IS NULL OR run_after <= now()"
    " OR run_after >= '9000-01-01'))) AND enqueued_at >= to_timestamp(%s)"
)


def read_journal(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _rows(db, query: str, *params) -> list[tuple]:
    return db.execute(query, params).fetchall()


def check(
    journal: list[dict], database_url: str, env: dict, windows: list[tuple], since: float = 0
) -> dict:
    """Return what was acknowledged and found, and the problems; tasks queued since `since`."""
    import psycopg

    problems: list[str] = []
    with psycopg.connect(database_url, autocommit=True) as db:
        submitted = {e["submission"] for e in journal if e["kind"] == "submitted"}
        if submitted:
            states = dict(
                _rows(
                    db,
                    "SELECT id, state FROM usecases_submission WHERE id = ANY(%s)",
                    list(submitted),
                )
            )
            lost = sorted(pk for pk in submitted if states.get(pk) in (None, "DRAFT"))
            if lost:
                problems.append(f"submitted but still a draft or missing: {lost}")
        registered = {e["submission"] for e in journal if e["kind"] == "registered"}
        if registered:
            found = dict(
                _rows(
                    db,
                    "SELECT id, reference FROM usecases_submission WHERE id = ANY(%s)",
                    list(registered),
                )
            )
            lost = sorted(pk for pk in registered if not found.get(pk))
            if lost:
                problems.append(f"registered but without a reference: {lost}")
        issued = {e["paper"] for e in journal if e["kind"] == "issued"}
        if issued:
            found = {
                pk
                for (pk,) in _rows(
                    db,
                    "SELECT id FROM assessments_paper WHERE id = ANY(%s) AND issued_at IS NOT NULL",
                    list(issued),
                )
            }
            if issued - found:
                problems.append(f"issued but not issued: {sorted(issued - found)}")
        uploads = {e["submission"] for e in journal if e["kind"] == "upload"}
        if uploads:
            found = {
                pk
                for (pk,) in _rows(
                    db,
                    "SELECT DISTINCT submission_id FROM usecases_attachment WHERE submission_id = ANY(%s)",
                    list(uploads),
                )
            }
            if uploads - found:
                problems.append(f"uploaded but no attachment: {sorted(uploads - found)}")
        votes = [(e["ballot"], e["user"], e["choice"]) for e in journal if e["kind"] == "vote"]
        counted = {
            (ballot, user): (choice, n)
            for ballot, user, choice, n in _rows(
                db,
                "SELECT ballot_id, cast_by_id, MIN(choice), COUNT(*) FROM assessments_vote "
                "WHERE struck_at IS NULL GROUP BY ballot_id, cast_by_id",
            )
        }
        for ballot, user, choice in votes:
            got = counted.get((ballot, user))
            if got is None:
                problems.append(f"vote lost: ballot {ballot}, user {user}")
            elif got[1] != 1 or got[0] != choice:
                problems.append(f"vote wrong: ballot {ballot}, user {user}: {got} for {choice}")
        doubled = [key for key, (_, n) in counted.items() if n > 1]
        if doubled:
            problems.append(f"votes doubled: {doubled}")
        jobs = {e["job"] for e in journal if e["kind"] == "pack"}
        pack_states = dict(
            _rows(
                db,
                "SELECT status, COUNT(*) FROM assessments_packjob WHERE id = ANY(%s) GROUP BY status",
                list(jobs),
            )
        )
        missing_jobs = len(jobs) - sum(pack_states.values())
        if missing_jobs:
            problems.append(f"{missing_jobs} acknowledged pack job(s) missing")
        unfinished = {s: n for s, n in pack_states.items() if s not in ("DONE", "FAILED")}
        if unfinished:
            problems.append(f"pack jobs not finished: {unfinished}")
        tasks = dict(
            _rows(
                db,
                "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult"
                " WHERE enqueued_at >= to_timestamp(%s) GROUP BY status",
                since,
            )
        )
        ((due,),) = _rows(db, DUE_COUNT, since)
        if due:
            problems.append(f"{due} task(s) still due or running after the load: {tasks}")

    audit = subprocess.run(
        [sys.executable, "manage.py", "verify_audit"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if audit.returncode != 0:
        problems.append("verify_audit failed: " + (audit.stdout + audit.stderr)[-400:])

    failures = [e for e in journal if e["kind"] in ("failure", "user_error")]
    outside = [e for e in failures if not any(a <= e["t"] <= b for a, b in windows)]
    tracebacks = [e for e in failures if e.get("traceback")]
    if outside:
        problems.append(f"{len(outside)} failed request(s) outside a fault window: {outside[:5]}")
    if tracebacks:
        problems.append(f"{len(tracebacks)} failure(s) showed a traceback: {tracebacks[:3]}")
    return {
        "acknowledged": {
            "submitted": len(submitted),
            "registered": len(registered),
            "issued": len(issued),
            "uploads": len(uploads),
            "votes": len(votes),
            "pack_jobs": len(jobs),
        },
        "pack_jobs": pack_states,
        "tasks": tasks,
        "failures": len(failures),
        "failures_in_fault_windows": len(failures) - len(outside),
        "failure_pages": sorted(
            {f"{e.get('status', '')} {e.get('page') or e.get('error', '')}"[:160] for e in failures}
        )[:10],
        "verify_audit": audit.stdout.strip().splitlines()[-1:] if audit.stdout else [],
        "problems": problems,
    }
