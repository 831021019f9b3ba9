"""Replay the activity log against the committee's records: decisions, votes and memberships.

Each check returns a description of every row that is not what the log last recorded about it,
that has no entry at all, or that the log knows but the database no longer holds: such rows
were changed in the database, outside the services (`verify_audit` runs these checks).
"""

import json

from django.contrib.contenttypes.models import ContentType

from triage_portal.audit.models import ActivityLog

LOGGED_WITH_SNAPSHOT = ("assessments.ballot.closed", "assessments.decision.recorded")


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _entries(actions, model=None):
    entries = ActivityLog.objects.filter(action__in=actions).order_by("pk")
    if model is not None:
        entries = entries.filter(content_type=ContentType.objects.get_for_model(model))
    return entries.values_list("object_id", "action", "data").iterator(chunk_size=2000)


def _logged_decisions() -> dict[str, dict]:
    """Return {decision reference: what the log recorded about it}."""
    logged: dict[str, dict] = {}
    actions = (*LOGGED_WITH_SNAPSHOT, "assessments.decision.applied")
    for _, action, data in _entries(actions):
        if action == "assessments.ballot.closed":
            known = logged.setdefault(data["decision"], {})
            known.update(snapshot=data.get("snapshot"), passed=data.get("passed"))
        elif action == "assessments.decision.recorded":
            known = logged.setdefault(data["reference"], {})
            known.update(snapshot=data.get("snapshot"), passed=True)
        else:
            known = logged.setdefault(data["reference"], {})
        for name in ("outcome", "resolution"):
            if name in data:
                known[name] = data[name]
    return logged


def decisions_differing_from_log() -> list[str]:
    """Describe each decision whose snapshot, outcome, result or resolution the log does not match."""
    from assessments.models import Decision

    logged = _logged_decisions()
    problems = []
    rows = Decision.objects.order_by("pk").values_list(
        "reference", "snapshot", "outcome", "passed", "resolution"
    )
    for reference, snapshot, outcome, passed, resolution in rows:
        known = logged.pop(reference, None)
        if known is None or "snapshot" not in known:
            problems.append(f"decision {reference} has no entry in the activity log")
            continue
        if known["snapshot"] is not None and _canonical(known["snapshot"]) != _canonical(snapshot):
            problems.append(f"decision {reference}'s vote snapshot was changed")
        for label, value in (("outcome", outcome), ("passed", passed), ("resolution", resolution)):
            if known.get(label) is not None and known[label] != value:
                problems.append(
                    f"decision {reference}'s {label} is {value!r}, but the activity log recorded "
                    f"{known[label]!r}"
                )
    for reference, known in logged.items():
        if "snapshot" in known:
            problems.append(
                f"decision {reference} is in the activity log but missing from the database"
            )
    return problems


def votes_differing_from_log() -> list[str]:
    """Describe each cast vote whose choice the log does not match, or that it never recorded."""
    from assessments.models import Ballot, Vote

    logged = {
        (object_id, str(data.get("seat"))): data.get("choice")
        for object_id, _, data in _entries(("assessments.vote.cast",), Ballot)
    }
    problems = []
    votes = Vote.objects.select_related("seat__committee").order_by("pk")
    for vote in votes.iterator(chunk_size=2000):
        seat = str(vote.seat)
        key = (str(vote.ballot_id), seat)
        if key not in logged:
            problems.append(
                f"the vote of {seat} on ballot #{vote.ballot_id} has no entry in the activity log"
            )
            continue
        choice = logged.pop(key)
        if choice is not None and choice != vote.choice:
            problems.append(
                f"the vote of {seat} on ballot #{vote.ballot_id} is {vote.choice}, but the "
                f"activity log recorded {choice}"
            )
    for ballot_id, seat in logged:
        problems.append(
            f"the vote of {seat} on ballot #{ballot_id} is in the activity log but missing "
            "from the database"
        )
    return problems


def membership_values(membership) -> dict:
    """Return what the log records about a membership: who, which seat, term and vetting."""
    return {
        "person": membership.person_id,
        "seat": membership.seat_id,
        "alternate": membership.alternate_id,
        "term_start": membership.term_start,
        "term_end": membership.term_end,
        "vetting_status": membership.vetting_status,
        "vetting_expires_on": membership.vetting_expires_on,
    }


def memberships_differing_from_log() -> list[str]:
    """Describe each membership whose seat, term or vetting is not what the log last recorded."""
    from assessments.models import Membership

    logged: dict[str, dict | None] = {}
    actions = (
        "assessments.membership.saved",
        "assessments.membership.recorded",
        "assessments.membership.deleted",
    )
    for object_id, action, data in _entries(actions, Membership):
        logged[object_id] = None if action.endswith("deleted") else data
    problems = []
    rows = Membership.objects.select_related("person", "seat__committee").order_by("pk")
    for membership in rows.iterator(chunk_size=2000):
        name = f"membership #{membership.pk} ({membership})"
        if str(membership.pk) not in logged:
            problems.append(f"{name} has no entry in the activity log")
            continue
        known = logged.pop(str(membership.pk))
        if known is None:
            problems.append(f"{name} was deleted, as the activity log recorded, but is back")
            continue
        now = json.loads(_canonical(membership_values(membership)))
        for label, value in now.items():
            if label in known and known[label] != value:
                problems.append(
                    f"{name}'s {label} is {value}, but the activity log last recorded {known[label]}"
                )
    for pk, known in logged.items():
        if known is not None:
            problems.append(
                f"membership #{pk} is in the activity log but missing from the database"
            )
    return problems
