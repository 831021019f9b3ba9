"""Side-effect-free guards on proposal transitions (django-fsm ``conditions``)."""

from usecases.enums import VERIFIED_SUPPORT, SubmissionKind, SupportStatus, TriState


def has_confirmed_supporter(submission) -> bool:
    """Return whether at least one SEC Party has confirmed its support, tied to that party.

    An unverified confirmation (from an address no one has tied to the party) does not count.
    """
    # Read through .all(), as clarification_answered does: a page that prefetched the supporters
    # asks the database nothing more (a proposal has few).
    return any(
        supporter.status == SupportStatus.CONFIRMED and supporter.verification in VERIFIED_SUPPORT
        for supporter in submission.supporters.all()
    )


def has_open_mandatory_referral(submission) -> bool:
    """Return whether a mandatory referral still awaits its outcome."""
    # Read through .all(): a page that prefetched the referrals asks nothing more.
    return any(
        referral.mandatory and referral.outcome == "" for referral in submission.referrals.all()
    )


def no_open_mandatory_referral(submission) -> bool:
    return not has_open_mandatory_referral(submission)


def clarification_answered(submission) -> bool:
    """Return whether every question of the open clarification request has an answer."""
    # Read through .all() so that a page which prefetched the requests and their questions
    # (the proposal page does) asks the database nothing more.
    request = next((r for r in submission.clarifications.all() if r.answered_at is None), None)
    return request is None or all(question.answer for question in request.questions.all())


def has_ncsc_advice_if_use_case(submission) -> bool:
    """A Use Case is approved by the SSC only with advice from NCSC."""
    return submission.kind != SubmissionKind.USE_CASE or bool(submission.ncsc_advice.strip())


def needs_sc_change(submission) -> bool:
    return TriState.YES in (submission.q4_affects_existing_sc, submission.q5_requires_new_sc)


def needs_ncsc_publication(submission) -> bool:
    """An SC modification always, and a Use Case that changes SCs, wait for NCSC."""
    return submission.kind == SubmissionKind.SC_MODIFICATION or needs_sc_change(submission)


def is_use_case_without_sc_changes(submission) -> bool:
    return submission.kind == SubmissionKind.USE_CASE and not needs_sc_change(submission)


def has_ncsc_publication_record(submission) -> bool:
    return submission.ncsc_publications.exists()


def approved_by_decision(submission) -> bool:
    """Return whether a recorded SSC decision (its reference kept) approved the proposal."""
    return bool(submission.approval_decision_reference)
