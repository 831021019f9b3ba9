"""Walk a proposal to any state of the SSC process through the real services."""

import datetime
import itertools
from dataclasses import dataclass

from django.utils import timezone

from tests.factories.people import UserFactory
from tests.factories.proposals import draft_proposal, submitted_proposal
from triage_portal.accounts.enums import Role
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.enums import SupportStatus, SupportVerification
from usecases.models import SCDocument, Submission

_numbers = itertools.count(1)


@dataclass(frozen=True)
class RecordedDecision:
    """A passed SSC decision as the workflow reads one (usecases.workflow.decisions).

    The committee app's Decision has these attributes; the walker, which needs no committee,
    records its decisions like this, each with a reference of its own.
    """

    submission_id: int
    outcome: str
    reference: str = ""
    passed: bool = True

    def __post_init__(self):
        if not self.reference:
            object.__setattr__(self, "reference", f"SSC90/D{next(_numbers):02d}")


def decided(submission_id: int, outcome: str, **kwargs) -> RecordedDecision:
    """Return a passed decision of the SSC about the proposal, with a fresh reference."""
    return RecordedDecision(submission_id=submission_id, outcome=outcome, **kwargs)


def future(days: int = 14) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def confirm_supporters(submission: Submission) -> None:
    """Record every supporter's confirmation as from an address the secretariat verified."""
    submission.supporters.update(
        status=SupportStatus.CONFIRMED, verification=SupportVerification.ADDRESS
    )


def proposal_in_state(state: str, *, proposer, secretariat=None, **answers) -> Submission:
    """Return a proposal owned by proposer in the given state, reached as users would."""
    if state in (S.AWAITING_NCSC_PUBLICATION, S.PUBLISHED) and not answers:
        answers = {"q4_affects_existing_sc": "YES", "q4_explanation": "Changes the ESME SC"}
    office = secretariat or UserFactory(role=Role.SECRETARIAT, full_name="Walker Secretariat")
    if state == S.DRAFT:
        return draft_proposal(proposer, **answers)
    submission = submitted_proposal(proposer, **answers)
    pk = submission.pk
    steps = {
        S.SUBMITTED: [],
        S.RETURNED: [
            lambda: workflow.return_proposal(submission_id=pk, user=office, reason="Add detail")
        ],
    }
    registered = [
        lambda: confirm_supporters(Submission.objects.get(pk=pk)),
        lambda: workflow.register_proposal(submission_id=pk, user=office, classification="AMBER"),
    ]
    considered = registered + [lambda: workflow.schedule_proposal(submission_id=pk, user=office)]
    assessed = considered + [
        lambda: workflow.progress_proposal(
            submission_id=pk,
            user=office,
            reason="SSC agreed to progress",
            decision=decided(pk, "PROGRESS"),
        ),
    ]
    pending = assessed + [
        lambda: workflow.record_ncsc_advice(submission_id=pk, user=office, advice="No objection"),
        lambda: workflow.table_proposal(submission_id=pk, user=office),
    ]
    approved = pending + [
        lambda: workflow.approve_proposal(
            submission_id=pk, user=office, reason="SSC approved", decision=decided(pk, "APPROVE")
        ),
    ]
    steps |= {
        S.REGISTERED: registered,
        S.INITIAL_CONSIDERATION: considered,
        S.CLARIFICATION_REQUESTED: considered
        + [
            lambda: workflow.request_clarification(
                submission_id=pk, user=office, questions=["Why?"], due_on=future()
            )
        ],
        S.UNDER_ASSESSMENT: assessed,
        S.AWAITING_EXTERNAL_VIEWS: assessed
        + [
            lambda: workflow.refer_proposal(
                submission_id=pk,
                user=office,
                body="TABASC",
                question="Concerns?",
                due_on=future(),
                mandatory=True,
            ),
            lambda: workflow.await_views(submission_id=pk, user=office),
        ],
        S.CONSULTATION: assessed
        + [lambda: workflow.open_consultation(submission_id=pk, user=office, reason="Draft v0.1")],
        S.DECISION_PENDING: pending,
        S.ON_HOLD: assessed
        + [
            lambda: workflow.defer_proposal(
                submission_id=pk, user=office, reason="Wait for MP", decision=decided(pk, "DEFER")
            )
        ],
        S.APPROVED: approved,
        S.AWAITING_NCSC_PUBLICATION: approved
        + [lambda: workflow.send_to_ncsc(submission_id=pk, user=office)],
        S.PUBLISHED: approved
        + [
            lambda: workflow.send_to_ncsc(submission_id=pk, user=office),
            lambda: workflow.record_ncsc_publication(
                submission_id=pk,
                user=office,
                sc_document=SCDocument.objects.get_or_create(title="CPA SC – ESME", version="")[0],
                version="1.4",
                published_on=timezone.localdate(),
            ),
        ],
        S.REJECTED: pending
        + [
            lambda: workflow.reject_proposal(
                submission_id=pk,
                user=office,
                reason="Not viable",
                decision=decided(pk, "REJECT"),
            )
        ],
        S.WITHDRAWN: [
            lambda: workflow.withdraw_proposal(
                submission_id=pk, user=proposer, reason="No longer needed"
            )
        ],
        S.SUPERSEDED: registered
        + [
            lambda: workflow.supersede_proposal(
                submission_id=pk,
                user=office,
                superseded_by_reference=proposal_in_state(
                    S.REGISTERED, proposer=proposer, secretariat=office
                ).reference,
                reason="Merged",
            )
        ],
    }
    for step in steps[state]:
        step()
    submission = Submission.objects.get(pk=pk)
    assert submission.state == state, (submission.state, state)
    return submission
