"""Replay the activity log against each proposal: its kind, state and classification.

Every workflow service logs the state a proposal moves to ("state" in the entry's data; a new
draft starts as DRAFT), and registration and classification changes log the classification.
A proposal whose row says otherwise was changed outside the services (in the database), and
so was one with no entry at all, or one the log knows that is gone without "draft_deleted".
"""

from django.contrib.contenttypes.models import ContentType

from triage_portal.audit.models import ActivityLog
from usecases.enums import SubmissionState
from usecases.models import Submission

PREFIX = "usecases.proposal."


def _logged_proposals() -> dict[str, dict]:
    """Return {proposal id: the last kind, state and classification the log recorded}."""
    logged: dict[str, dict] = {}
    entries = (
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Submission),
            action__startswith=PREFIX,
        )
        .order_by("pk")
        .values_list("object_id", "action", "data")
    )
    for object_id, action, data in entries.iterator(chunk_size=2000):
        event = action.removeprefix(PREFIX)
        known = logged.setdefault(object_id, {})
        if event == "started":
            known.update(kind=data.get("kind"), state=SubmissionState.DRAFT)
        elif event == "draft_deleted":
            known["deleted"] = True
        if "state" in data:
            known["state"] = data["state"]
        if event == "registered" and "classification" in data:
            known["classification"] = data["classification"]
        elif event == "classification_changed" and "new" in data:
            known["classification"] = data["new"]
    return logged


def proposals_differing_from_log() -> list[str]:
    """Describe each proposal whose kind, state or classification is not what the log last recorded."""
    logged = _logged_proposals()
    problems = []
    rows = Submission.objects.order_by("pk").values_list(
        "pk", "reference", "kind", "state", "classification"
    )
    for pk, reference, kind, state, classification in rows.iterator(chunk_size=2000):
        name = f"proposal {reference} (#{pk})" if reference else f"proposal #{pk}"
        known = logged.pop(str(pk), None)
        if known is None:
            problems.append(f"{name} has no entry in the activity log")
            continue
        for label, value in (("kind", kind), ("state", state), ("classification", classification)):
            if known.get(label) is not None and known[label] != value:
                problems.append(
                    f"{name}'s {label} is {value}, but the activity log last recorded {known[label]}"
                )
    for pk, known in logged.items():
        if not known.get("deleted"):
            problems.append(f"proposal #{pk} is in the activity log but missing from the database")
    return problems
