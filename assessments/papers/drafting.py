"""Standard wording for a draft paper pre-filled from a proposal (the seed paper's pattern)."""

from assessments.enums import PaperAction, Verb
from usecases.enums import SubmissionKind, SubmissionState


def paper_title(submission) -> str:
    if submission.kind == SubmissionKind.USE_CASE:
        return "Use Case for Device Refurbishment"
    return "Proposal for a Modification to the CPA Security Characteristics"


def kind_words(submission) -> str:
    return (
        "a use case for Device Refurbishment"
        if submission.kind == SubmissionKind.USE_CASE
        else "a proposal to modify the CPA Security Characteristics"
    )


def draft_purpose(submission, committee_code: str) -> str:
    organisation = submission.proposer_organisation_name or "The proposer"
    return (
        f"{organisation} have submitted {kind_words(submission)} in line with the methodology approved by "
        f"SSC – see Annex 1.  The purpose is to obtain {committee_code} agreement to confirm that the business need "
        "is clearly articulated and that there is no unacceptable compromise of security controls or SEC "
        "obligations to prevent the proposal from being progressed to the next stage of consideration."
    )


DRAFT_BACKGROUND = (
    "The SSC has approved a methodology for assessing and approving (or rejecting) use cases for Device "
    "refurbishment and proposals to modify the CPA Security Characteristics. Any party may raise a proposal "
    "using the process described on the SEC website. The process is set out in the diagram below."
)


def standard_recommendations(submission) -> list[tuple[str, str]]:
    """Return (verb, text) recommendations for the proposal's stage."""
    title = submission.title
    if submission.state in (SubmissionState.DECISION_PENDING,):
        noun = "Use Case" if submission.kind == SubmissionKind.USE_CASE else "SC Modification"
        return [
            (
                Verb.NOTE,
                f"the NCSC advice and the views received on the {title} (see Annex 1); and",
            ),
            (Verb.APPROVE, f"the {noun}, or set out the conditions of approval."),
        ]
    return [
        (Verb.NOTE, f"the proposal for the {title} (see Annex 1);"),
        (Verb.CONFIRM, "whether any clarifications are needed to the proposal; and"),
        (Verb.AGREE, "how the proposal should be progressed."),
    ]


DEFAULT_ACTION = PaperAction.FOR_DECISION
