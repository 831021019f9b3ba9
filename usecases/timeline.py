"""Plain-English words for the audit log's dotted action names, for timelines."""

from usecases.enums import ReferralBody, SupportVerification

REFERRAL_BODIES = dict(ReferralBody.choices)

ACTION_WORDS = {
    "usecases.proposal.started": "Draft started",
    "usecases.proposal.draft_saved": "Draft answers saved",
    "usecases.proposal.submitted": "Submitted to the SSC",
    "usecases.proposal.withdrawn": "Withdrawn",
    "usecases.proposal.resubmitted": "Resubmitted to the SSC",
    "usecases.proposal.returned": "Returned to the proposer for completion",
    "usecases.proposal.registered": "Registered",
    "usecases.proposal.scheduled": "Sent for the SSC's initial consideration",
    "usecases.proposal.clarification_requested": "The SSC asked the proposer questions",
    "usecases.proposal.clarification_answered": "The proposer answered the SSC's questions",
    "usecases.proposal.progressed": "Progressed to assessment",
    "usecases.proposal.awaiting_views": "Waiting for external views",
    "usecases.proposal.views_received": "Views received: assessment continues",
    "usecases.proposal.reconsidered": "Views received: back to initial consideration",
    "usecases.proposal.tabled": "Tabled for the SSC's decision",
    "usecases.proposal.consultation_opened": "Consultation opened",
    "usecases.proposal.consultation_closed": "Consultation closed",
    "usecases.proposal.approved": "Approved by the SSC",
    "usecases.proposal.sent_back": "Sent back for further work",
    "usecases.proposal.rejected": "Rejected by the SSC",
    "usecases.proposal.put_on_hold": "Put on hold",
    "usecases.proposal.resumed": "Taken off hold",
    "usecases.proposal.sent_to_ncsc": "Sent to NCSC for sign-off and publication",
    "usecases.proposal.ncsc_changes_required": "NCSC required changes",
    "usecases.proposal.published": "Published",
    "usecases.proposal.superseded": "Superseded",
    "usecases.proposal.edited": "Answers edited",
    "usecases.proposal.ncsc_advice_recorded": "NCSC's advice recorded",
    "usecases.referral.created": "Referred for views",
    "usecases.referral.paper_drafted": "Referral paper drafted",
    "usecases.proposal.classification_changed": "Classification changed",
    "usecases.referral.outcome_recorded": "Referral outcome recorded",
    "usecases.proposal.draft_deleted": "Draft deleted",
    "usecases.supporter.added": "SEC Party supporter added",
    "usecases.supporter.removed": "SEC Party supporter removed",
    "usecases.supporter.confirmation_requested": "Supporter asked to confirm support",
    "usecases.supporter.confirmed": "Supporter confirmed support",
    "usecases.supporter.declined": "Supporter declined support",
    "usecases.supporter.verified": "Supporter's confirmation verified by the secretariat",
    "usecases.proposal.filed_under_organisation": "Filed under the proposer's verified organisation",
    "usecases.attachment.added": "File attached",
    "usecases.attachment.removed": "File removed",
}


def describe(entry) -> str:
    """Return a short sentence for one ActivityLog entry."""
    words = ACTION_WORDS.get(entry.action, entry.action)
    data = entry.data if isinstance(entry.data, dict) else {}
    if data.get("verification") == SupportVerification.UNVERIFIED:
        words += " (unverified)"
    detail = data.get("name") or data.get("reference") or REFERRAL_BODIES.get(data.get("body", ""))
    return f"{words}: {detail}" if detail else words
