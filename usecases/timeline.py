"""Plain-English words for the audit log's dotted action names, for timelines."""

ACTION_WORDS = {
    "usecases.proposal.started": "Draft started",
    "usecases.proposal.draft_saved": "Draft answers saved",
    "usecases.proposal.submitted": "Submitted to the SSC",
    "usecases.proposal.withdrawn": "Withdrawn",
    "usecases.proposal.draft_deleted": "Draft deleted",
    "usecases.supporter.added": "SEC Party supporter added",
    "usecases.supporter.removed": "SEC Party supporter removed",
    "usecases.supporter.confirmation_requested": "Supporter asked to confirm support",
    "usecases.supporter.confirmed": "Supporter confirmed support",
    "usecases.supporter.declined": "Supporter declined support",
    "usecases.attachment.added": "File attached",
    "usecases.attachment.removed": "File removed",
}


def describe(entry) -> str:
    """Return a short sentence for one ActivityLog entry."""
    words = ACTION_WORDS.get(entry.action, entry.action)
    name = entry.data.get("name") if isinstance(entry.data, dict) else None
    return f"{words}: {name}" if name else words
