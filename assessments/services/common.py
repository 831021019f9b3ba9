"""Errors and small helpers shared by the committee services."""

from usecases.enums import BEFORE_THE_COMMITTEE_STATES
from usecases.errors import ActionRefused


class LatePaper(ActionRefused):
    """The paper would be issued after the committee's deadline; the caller must confirm."""


def require_committee_business(submission) -> None:
    """Refuse committee business on a proposal that is not before the committee.

    A draft, a submission not yet registered, and a proposal that is withdrawn, rejected,
    published or superseded cannot be put on an agenda or voted on.
    """
    if submission is not None and submission.state not in BEFORE_THE_COMMITTEE_STATES:
        raise ActionRefused(
            f"{submission.reference or 'This proposal'} is at “{submission.get_state_display()}”: "
            "only a registered proposal that is still live can be put on an agenda or voted on."
        )
