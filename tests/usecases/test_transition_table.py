"""Every (state, transition, role) of the SSC process, against the table in domain.md §2.5."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from tests.factories.people import UserFactory
from tests.factories.states import decided, future, proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused
from usecases.models import SCDocument, Submission

pytestmark = pytest.mark.django_db

ROLES = ("owner", "other_proposer", "member", "observer", "chair", "secretariat")
OFFICE = {"chair", "secretariat"}
OPEN_AFTER_REGISTRATION = (
    S.REGISTERED,
    S.INITIAL_CONSIDERATION,
    S.CLARIFICATION_REQUESTED,
    S.UNDER_ASSESSMENT,
    S.AWAITING_EXTERNAL_VIEWS,
    S.CONSULTATION,
    S.DECISION_PENDING,
)
PROPOSER_MAY_WITHDRAW = (S.SUBMITTED, S.RETURNED, *OPEN_AFTER_REGISTRATION, S.ON_HOLD)
# "Any non-terminal after REGISTERED" (domain.md §2.5), where ON_HOLD and SUPERSEDED start.
ACTIVE = (*OPEN_AFTER_REGISTRATION, S.APPROVED, S.AWAITING_NCSC_PUBLICATION)
# The SSC's decisions: each is taken with a passed decision of the SSC with this outcome.
OUTCOME = {
    "progress": "PROGRESS",
    "approve": "APPROVE",
    "send_back": "PROGRESS",
    "reject": "REJECT",
    "defer": "DEFER",
    "supersede": "SUPERSEDE",
}

# transition: (legal source states in the walked fixtures, roles allowed, resulting state or None
# for "back where it came from", the audit event, e-mailed?). Written from the domain table,
# not from the code. Guards that the fixtures do not meet are left out of the sources (they have
# tests of their own below): await_views needs an open mandatory referral, which no fixture in
# INITIAL_CONSIDERATION or UNDER_ASSESSMENT has. The transitions in OUTCOME are called with a
# decision of the SSC; their "_alone" rows are the same services called without one: the SSC's
# decisions then move nothing, whoever asks, but the Chair may still defer on the Chair's own
# authority and the secretariat supersede on its own (domain.md §2.5).
TABLE = {
    "submit": ((S.DRAFT,), {"owner"}, S.SUBMITTED, "submitted", True),
    "resubmit": ((S.RETURNED,), {"owner"}, S.SUBMITTED, "resubmitted", True),
    "return": ((S.SUBMITTED,), {"secretariat"}, S.RETURNED, "returned", True),
    "register": ((S.SUBMITTED,), {"secretariat"}, S.REGISTERED, "registered", True),
    "schedule": ((S.REGISTERED,), OFFICE, S.INITIAL_CONSIDERATION, "scheduled", False),
    "clarify": (
        (S.INITIAL_CONSIDERATION, S.UNDER_ASSESSMENT, S.DECISION_PENDING),
        OFFICE,
        S.CLARIFICATION_REQUESTED,
        "clarification_requested",
        True,
    ),
    "answer": ((S.CLARIFICATION_REQUESTED,), {"owner"}, None, "clarification_answered", True),
    "progress": ((S.INITIAL_CONSIDERATION,), OFFICE, S.UNDER_ASSESSMENT, "progressed", True),
    "progress_alone": ((), OFFICE, S.UNDER_ASSESSMENT, "progressed", True),
    "await_views": ((), OFFICE, S.AWAITING_EXTERNAL_VIEWS, "awaiting_views", False),
    "views_received": ((), OFFICE, S.UNDER_ASSESSMENT, "views_received", False),
    "reconsider": ((), OFFICE, S.INITIAL_CONSIDERATION, "reconsidered", False),
    "table": (
        (S.INITIAL_CONSIDERATION, S.UNDER_ASSESSMENT),
        OFFICE,
        S.DECISION_PENDING,
        "tabled",
        False,
    ),
    "open_consultation": (
        (S.UNDER_ASSESSMENT,),
        {"secretariat"},
        S.CONSULTATION,
        "consultation_opened",
        False,
    ),
    "close_consultation": (
        (S.CONSULTATION,),
        {"secretariat"},
        S.UNDER_ASSESSMENT,
        "consultation_closed",
        False,
    ),
    "approve": ((S.DECISION_PENDING,), OFFICE, S.APPROVED, "approved", True),
    "approve_alone": ((), OFFICE, S.APPROVED, "approved", True),
    "send_back": ((S.DECISION_PENDING,), OFFICE, S.UNDER_ASSESSMENT, "sent_back", True),
    "send_back_alone": ((), OFFICE, S.UNDER_ASSESSMENT, "sent_back", True),
    "reject": ((S.INITIAL_CONSIDERATION, S.DECISION_PENDING), OFFICE, S.REJECTED, "rejected", True),
    "reject_alone": ((), OFFICE, S.REJECTED, "rejected", True),
    "defer": (ACTIVE, OFFICE, S.ON_HOLD, "put_on_hold", True),
    "defer_alone": (ACTIVE, {"chair"}, S.ON_HOLD, "put_on_hold", True),
    "resume": ((S.ON_HOLD,), OFFICE, None, "resumed", False),
    "send_to_ncsc": (
        (S.AWAITING_NCSC_PUBLICATION,),
        {"secretariat"},
        S.AWAITING_NCSC_PUBLICATION,
        "sent_to_ncsc",
        False,
    ),
    "publish_use_case": ((S.APPROVED,), {"secretariat"}, S.PUBLISHED, "published", True),
    "record_ncsc_publication": (
        (S.AWAITING_NCSC_PUBLICATION,),
        {"secretariat"},
        S.PUBLISHED,
        "published",
        True,
    ),
    "ncsc_changes": (
        (S.AWAITING_NCSC_PUBLICATION,),
        {"secretariat"},
        S.UNDER_ASSESSMENT,
        "ncsc_changes_required",
        False,
    ),
    "withdraw": (
        (*PROPOSER_MAY_WITHDRAW, S.APPROVED, S.AWAITING_NCSC_PUBLICATION),
        None,
        S.WITHDRAWN,
        "withdrawn",
        True,
    ),
    "supersede": ((*ACTIVE, S.ON_HOLD), OFFICE, S.SUPERSEDED, "superseded", True),
    "supersede_alone": ((*ACTIVE, S.ON_HOLD), {"secretariat"}, S.SUPERSEDED, "superseded", True),
}
# send_to_ncsc is legal from APPROVED only for proposals that change an SC; the walked APPROVED
# fixture is a Use Case that changes none, so it is tested separately below.
TABLE["send_to_ncsc"] = ((), {"secretariat"}, S.AWAITING_NCSC_PUBLICATION, "sent_to_ncsc", False)


def withdraw_allowed(role: str, state: str) -> bool:
    if role in OFFICE:
        return True
    return role == "owner" and state in PROPOSER_MAY_WITHDRAW


def call(name: str, submission: Submission, user, superseder: Submission, decision=None):
    pk = submission.pk
    calls = {
        "submit": lambda: workflow.submit_proposal(submission_id=pk, user=user, declaration=True),
        "resubmit": lambda: workflow.resubmit_proposal(
            submission_id=pk, user=user, declaration=True
        ),
        "return": lambda: workflow.return_proposal(
            submission_id=pk, user=user, reason="Needs more"
        ),
        "register": lambda: workflow.register_proposal(
            submission_id=pk, user=user, classification="AMBER"
        ),
        "schedule": lambda: workflow.schedule_proposal(submission_id=pk, user=user),
        "clarify": lambda: workflow.request_clarification(
            submission_id=pk, user=user, questions=["Q?"], due_on=future()
        ),
        "answer": lambda: workflow.answer_clarification(
            submission_id=pk, user=user, answers={1: "Because."}
        ),
        "progress": lambda: workflow.progress_proposal(
            submission_id=pk, user=user, reason="Agreed", decision=decision
        ),
        "await_views": lambda: workflow.await_views(submission_id=pk, user=user),
        "views_received": lambda: workflow.views_received(submission_id=pk, user=user),
        "reconsider": lambda: workflow.reconsider_proposal(submission_id=pk, user=user),
        "table": lambda: workflow.table_proposal(submission_id=pk, user=user),
        "open_consultation": lambda: workflow.open_consultation(
            submission_id=pk, user=user, reason="Draft"
        ),
        "close_consultation": lambda: workflow.close_consultation(
            submission_id=pk, user=user, reason="3 replies"
        ),
        "approve": lambda: workflow.approve_proposal(
            submission_id=pk, user=user, reason="Approved", decision=decision
        ),
        "send_back": lambda: workflow.send_back_proposal(
            submission_id=pk, user=user, reason="More work", decision=decision
        ),
        "reject": lambda: workflow.reject_proposal(
            submission_id=pk, user=user, reason="No", decision=decision
        ),
        "defer": lambda: workflow.defer_proposal(
            submission_id=pk, user=user, reason="Later", decision=decision
        ),
        "resume": lambda: workflow.resume_proposal(submission_id=pk, user=user),
        "send_to_ncsc": lambda: workflow.send_to_ncsc(submission_id=pk, user=user),
        "publish_use_case": lambda: workflow.publish_use_case(
            submission_id=pk, user=user, guidance_version="2.1"
        ),
        "record_ncsc_publication": lambda: workflow.record_ncsc_publication(
            submission_id=pk,
            user=user,
            sc_document=SCDocument.objects.get_or_create(title="SC", version="")[0],
            version="2.0",
            published_on=timezone.localdate(),
        ),
        "ncsc_changes": lambda: workflow.ncsc_changes_required(
            submission_id=pk, user=user, reason="Rework"
        ),
        "withdraw": lambda: workflow.withdraw_proposal(
            submission_id=pk, user=user, reason="Withdrawn"
        ),
        "supersede": lambda: workflow.supersede_proposal(
            submission_id=pk,
            user=user,
            superseded_by_reference=superseder.reference,
            reason="Merged",
            decision=decision,
        ),
    }
    return calls[name.removesuffix("_alone")]()


class Rollback(Exception):
    pass


@pytest.fixture
def people(proposer, other_proposer, member, secretariat):
    return {
        "owner": proposer,
        "other_proposer": other_proposer,
        "member": member,
        "observer": UserFactory(role=Role.OBSERVER),
        "chair": UserFactory(role=Role.SSC_CHAIR, full_name="Chris Chair"),
        "secretariat": secretariat,
    }


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("transition", list(TABLE))
def test_transition_by_every_role(state, transition, people, django_capture_on_commit_callbacks):
    submission = proposal_in_state(
        state, proposer=people["owner"], secretariat=people["secretariat"]
    )
    superseder = proposal_in_state(
        S.REGISTERED, proposer=people["other_proposer"], secretariat=people["secretariat"]
    )
    if transition == "table":
        # A Use Case is tabled only with NCSC's advice (a guard with a test of its own).
        workflow.record_ncsc_advice(
            submission_id=submission.pk, user=people["secretariat"], advice="No objection"
        )
    sources, roles, target, event, emailed = TABLE[transition]
    for role in ROLES:
        decision = decided(submission.pk, OUTCOME[transition]) if transition in OUTCOME else None
        allowed = withdraw_allowed(role, state) if transition == "withdraw" else role in roles
        legal = state in sources and allowed
        logs_before = ActivityLog.objects.count()
        try:
            with transaction.atomic():
                mail.outbox.clear()
                if legal:
                    with django_capture_on_commit_callbacks(execute=True):
                        call(transition, submission, people[role], superseder, decision)
                    after = Submission.objects.get(pk=submission.pk)
                    expected = target or (
                        submission.return_state
                        if transition == "answer"
                        else submission.resume_state
                    )
                    assert after.state == expected, (role, after.state)
                    entry = ActivityLog.objects.filter(
                        object_id=str(submission.pk), action__startswith="usecases.proposal."
                    ).latest("pk")
                    assert entry.action == f"usecases.proposal.{event}", role
                    assert entry.data["previous"] == state
                    assert entry.actor == people[role]
                    if decision is not None:
                        assert entry.data["decision"] == decision.reference
                    elif event == "published":
                        assert entry.data["decision"] == after.approval_decision_reference != ""
                    else:
                        assert "decision" not in entry.data, entry.data
                    assert bool(mail.outbox) == emailed, (role, [m.subject for m in mail.outbox])
                else:
                    with pytest.raises(ActionRefused):
                        call(transition, submission, people[role], superseder, decision)
                    assert Submission.objects.get(pk=submission.pk).state == state, role
                    assert ActivityLog.objects.count() == logs_before, role
                raise Rollback
        except Rollback:
            pass


def test_await_views_needs_an_open_mandatory_referral(proposer, secretariat):
    submission = proposal_in_state(S.UNDER_ASSESSMENT, proposer=proposer, secretariat=secretariat)

    with pytest.raises(ActionRefused, match="Refer the proposal"):
        workflow.await_views(submission_id=submission.pk, user=secretariat)

    workflow.refer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        body="SMKI_PMA",
        question="Certs?",
        due_on=future(),
        mandatory=True,
    )
    workflow.await_views(submission_id=submission.pk, user=secretariat)
    assert Submission.objects.get(pk=submission.pk).state == S.AWAITING_EXTERNAL_VIEWS


def test_cannot_leave_awaiting_views_while_mandatory_referral_open(proposer, secretariat):
    submission = proposal_in_state(
        S.AWAITING_EXTERNAL_VIEWS, proposer=proposer, secretariat=secretariat
    )
    referral = submission.referrals.get()

    workflow.record_ncsc_advice(submission_id=submission.pk, user=secretariat, advice="None")
    for service in (workflow.views_received, workflow.reconsider_proposal, workflow.table_proposal):
        with pytest.raises(ActionRefused, match="mandatory referral is still open"):
            service(submission_id=submission.pk, user=secretariat)

    workflow.record_referral_outcome(
        referral_id=referral.pk, user=secretariat, outcome="NO_CONCERNS", response="None"
    )
    workflow.table_proposal(submission_id=submission.pk, user=secretariat)
    assert Submission.objects.get(pk=submission.pk).state == S.DECISION_PENDING


def test_optional_referral_does_not_hold_the_item(proposer, secretariat):
    submission = proposal_in_state(S.UNDER_ASSESSMENT, proposer=proposer, secretariat=secretariat)

    workflow.refer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        body="SCIRS",
        question="Views?",
        due_on=future(),
        mandatory=False,
    )
    workflow.record_ncsc_advice(submission_id=submission.pk, user=secretariat, advice="None")

    workflow.table_proposal(submission_id=submission.pk, user=secretariat)
    assert Submission.objects.get(pk=submission.pk).state == S.DECISION_PENDING


def test_cannot_progress_without_confirmed_supporter(proposer, secretariat):
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    submission.supporters.update(status="PENDING", verification="")

    with pytest.raises(ActionRefused, match="must confirm its support first"):
        workflow.progress_proposal(
            submission_id=submission.pk,
            user=secretariat,
            reason="Go",
            decision=decided(submission.pk, "PROGRESS"),
        )

    assert Submission.objects.get(pk=submission.pk).state == S.INITIAL_CONSIDERATION


def test_use_case_cannot_be_approved_without_ncsc_advice(proposer, secretariat):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)
    Submission.objects.filter(pk=submission.pk).update(ncsc_advice="")

    with pytest.raises(ActionRefused, match="approved only with NCSC's advice"):
        workflow.approve_proposal(
            submission_id=submission.pk,
            user=secretariat,
            reason="Yes",
            decision=decided(submission.pk, "APPROVE"),
        )


def test_sc_modification_needs_ncsc_publication_record(proposer, secretariat):
    submission = proposal_in_state(
        S.APPROVED, proposer=proposer, secretariat=secretariat, kind="SC_MODIFICATION"
    )

    with pytest.raises(ActionRefused, match="Only a Use Case"):
        workflow.publish_use_case(
            submission_id=submission.pk, user=secretariat, guidance_version="2"
        )
    workflow.send_to_ncsc(submission_id=submission.pk, user=secretariat)
    with pytest.raises(ActionRefused, match="Enter the new SC version"):
        workflow.record_ncsc_publication(
            submission_id=submission.pk,
            user=secretariat,
            sc_document=SCDocument.objects.create(title="SC GSME"),
            version=" ",
            published_on=timezone.localdate(),
        )
    assert Submission.objects.get(pk=submission.pk).state == S.AWAITING_NCSC_PUBLICATION


def test_use_case_gets_next_three_digit_number(proposer, secretariat, settings):
    settings.PORTAL_LAST_USE_CASE_NUMBER = 4
    first = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)
    second = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)

    workflow.publish_use_case(submission_id=first.pk, user=secretariat, guidance_version="2.0")
    workflow.publish_use_case(submission_id=second.pk, user=secretariat, guidance_version="2.1")

    assert Submission.objects.get(pk=first.pk).use_case_label == "Use Case 005"
    assert Submission.objects.get(pk=second.pk).use_case_label == "Use Case 006"


def test_registration_allocates_immutable_sequential_references(proposer, secretariat):
    year = timezone.localdate().year
    a = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    b = proposal_in_state(
        S.REGISTERED, proposer=proposer, secretariat=secretariat, kind="SC_MODIFICATION"
    )
    c = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    assert (a.reference, b.reference, c.reference) == (
        f"UCR-{year}-001",
        f"SCMR-{year}-001",
        f"UCR-{year}-002",
    )
    with pytest.raises(ActionRefused):
        workflow.return_proposal(submission_id=a.pk, user=secretariat, reason="x")
    assert Submission.objects.get(pk=a.pk).reference == f"UCR-{year}-001"


def test_reference_format_is_configurable(proposer, secretariat, settings):
    settings.PORTAL_REFERENCE_FORMATS = {
        "USE_CASE": "UC/{year}/{number:04d}",
        "SC_MODIFICATION": "SC/{year}/{number}",
    }

    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    assert submission.reference == f"UC/{timezone.localdate().year}/0001"


def test_on_hold_and_clarification_remember_where_they_were(proposer, secretariat):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)

    workflow.request_clarification(
        submission_id=submission.pk, user=secretariat, questions=["A?", "B?"], due_on=future()
    )
    workflow.defer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        reason="Waiting",
        decision=decided(submission.pk, "DEFER"),
    )
    workflow.resume_proposal(submission_id=submission.pk, user=secretariat)
    assert Submission.objects.get(pk=submission.pk).state == S.CLARIFICATION_REQUESTED
    with pytest.raises(ActionRefused, match="Answer question 1.2"):
        workflow.answer_clarification(
            submission_id=submission.pk, user=proposer, answers={1: "Yes"}
        )
    workflow.answer_clarification(
        submission_id=submission.pk, user=proposer, answers={1: "Yes", 2: "No"}
    )

    assert Submission.objects.get(pk=submission.pk).state == S.DECISION_PENDING


def test_decisions_need_a_reason(proposer, secretariat):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)

    for service, outcome in (
        (workflow.reject_proposal, "REJECT"),
        (workflow.send_back_proposal, "PROGRESS"),
        (workflow.approve_proposal, "APPROVE"),
        (workflow.defer_proposal, "DEFER"),
    ):
        with pytest.raises(ActionRefused, match="Enter the reason"):
            service(
                submission_id=submission.pk,
                user=secretariat,
                reason="  ",
                decision=decided(submission.pk, outcome),
            )

    assert Submission.objects.get(pk=submission.pk).state == S.DECISION_PENDING


def test_supersede_links_the_superseding_item(proposer, secretariat):
    old = proposal_in_state(S.UNDER_ASSESSMENT, proposer=proposer, secretariat=secretariat)
    new = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    with pytest.raises(ActionRefused, match="Enter the reference of a registered proposal"):
        workflow.supersede_proposal(
            submission_id=old.pk, user=secretariat, superseded_by_reference="NOPE-1", reason="x"
        )
    workflow.supersede_proposal(
        submission_id=old.pk,
        user=secretariat,
        superseded_by_reference=new.reference.lower(),
        reason="Merged into the broader proposal",
    )

    old = Submission.objects.get(pk=old.pk)
    assert (old.state, old.superseded_by) == (S.SUPERSEDED, new)


def test_terminal_items_are_read_only(proposer, secretariat):
    submission = proposal_in_state(S.REJECTED, proposer=proposer, secretariat=secretariat)

    for user in (proposer, secretariat):
        with pytest.raises(ActionRefused):
            workflow.save_answers(
                submission_id=submission.pk,
                user=user,
                answers={"q1_issue": "changed"},
                section="issue",
            )


def test_edits_after_submission_log_old_and_new_values(proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    workflow.save_answers(
        submission_id=submission.pk,
        user=secretariat,
        answers={"q1_issue": "Clearer issue"},
        section="issue",
    )

    entry = ActivityLog.objects.filter(action="usecases.proposal.edited").get()
    assert entry.data["changes"]["q1_issue"]["new"] == "Clearer issue"
    assert entry.data["changes"]["q1_issue"]["old"].startswith("Building on Meter Triage")
    assert entry.data["state"] == S.REGISTERED
    with pytest.raises(ActionRefused):
        workflow.save_answers(
            submission_id=submission.pk,
            user=proposer,
            answers={"q1_issue": "Mine"},
            section="issue",
        )
