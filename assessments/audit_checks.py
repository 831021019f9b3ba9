"""Each decision's stored vote snapshot must equal the copy the activity log took."""

import json

from triage_portal.audit.models import ActivityLog

LOGGED_WITH_SNAPSHOT = ("assessments.ballot.closed", "assessments.decision.recorded")


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def decisions_differing_from_log() -> list[str]:
    from assessments.models import Decision

    logged = {
        entry["data"]["decision"] if "decision" in entry["data"] else entry["data"]["reference"]: (
            entry["data"].get("snapshot")
        )
        for entry in ActivityLog.objects.filter(action__in=LOGGED_WITH_SNAPSHOT).values("data")
    }
    problems = []
    for reference, snapshot in Decision.objects.values_list("reference", "snapshot"):
        if reference not in logged:
            problems.append(f"decision {reference} has no entry in the activity log")
        elif logged[reference] is not None and _canonical(logged[reference]) != _canonical(
            snapshot
        ):
            problems.append(f"decision {reference}'s vote snapshot was changed")
    return problems
