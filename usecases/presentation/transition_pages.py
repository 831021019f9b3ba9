"""The actions a user can take on a proposal's page: one entry per FSM transition.

Buttons are rendered only for transitions django-fsm reports as available to the user
(the permission on the transition plus its guards), and each button leads to a confirmation
page that asks for what the service needs (a reason, a date, a classification).

The SSC's decisions (progress, approve, send back, reject) have no button here: they are
taken only from a recorded decision (a vote, or a consensus decision in a quorate meeting)
on the committee side, which moves the proposal in the same transaction. Putting on hold
and superseding are here only for the person domain.md §2.5 lets act alone: the Chair
defers, the secretariat supersedes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from rules import Predicate, always_allow

from triage_portal.accounts.rules import is_secretariat, is_ssc_chair
from usecases import workflow
from usecases.forms import transitions as f


@dataclass(frozen=True)
class Action:
    slug: str
    transition: str
    label: str
    heading: str
    form_class: type[forms.Form]
    run: Callable
    done: str
    warning: bool = False
    explanation: str = ""
    # Who, of those the transition's permission admits, may take it from this page.
    only: Predicate = always_allow


def _simple(service):
    return lambda submission, user, data: service(submission_id=submission.pk, user=user)


def _with(service, *names):
    return lambda submission, user, data: service(
        submission_id=submission.pk, user=user, **{name: data[name] for name in names}
    )


ACTIONS = [
    Action(
        "return",
        "return_for_completion",
        "Return to proposer",
        "Return the proposal to the proposer",
        f.reason_form(
            "What does the proposer need to complete or correct?",
            "This is e-mailed to the proposer",
            "Enter what the proposer needs to complete",
        ),
        _with(workflow.return_proposal, "reason"),
        "The proposal has been returned to the proposer.",
    ),
    Action(
        "register",
        "register",
        "Register",
        "Register the proposal",
        f.RegisterForm,
        _with(workflow.register_proposal, "classification", "reason"),
        "The proposal has been registered.",
        explanation="Registering allocates the proposal's permanent reference and sets its classification.",
    ),
    Action(
        "schedule",
        "schedule",
        "Send for SSC consideration",
        "Send the proposal for the SSC's initial consideration",
        f.ConfirmForm,
        _simple(workflow.schedule_proposal),
        "The proposal is now with the SSC for initial consideration.",
    ),
    Action(
        "clarify",
        "request_clarification",
        "Ask the proposer questions",
        "Ask the proposer questions",
        f.ClarificationForm,
        lambda s, u, d: workflow.request_clarification(
            submission_id=s.pk, user=u, questions=d["questions"], due_on=d["due_on"]
        ),
        "The questions have been sent to the proposer.",
        explanation="The proposal's clock stops until the proposer answers.",
    ),
    Action(
        "await-views",
        "await_views",
        "Wait for external views",
        "Wait for the views of the bodies consulted",
        f.ConfirmForm,
        _simple(workflow.await_views),
        "The proposal is waiting for external views.",
    ),
    Action(
        "views-received",
        "views_received",
        "Views received: continue assessment",
        "Continue the assessment",
        f.ConfirmForm,
        _simple(workflow.views_received),
        "The proposal is back under assessment.",
    ),
    Action(
        "reconsider",
        "reconsider",
        "Views received: back to initial consideration",
        "Return the proposal to initial consideration",
        f.ConfirmForm,
        _simple(workflow.reconsider_proposal),
        "The proposal is back with the SSC for initial consideration.",
    ),
    Action(
        "table",
        "table_for_decision",
        "Table for decision",
        "Table the proposal for the SSC's decision",
        f.ConfirmForm,
        _simple(workflow.table_proposal),
        "The proposal is ready for the SSC's decision.",
    ),
    Action(
        "open-consultation",
        "open_consultation",
        "Open a consultation",
        "Open an industry consultation",
        f.reason_form(
            "What is being consulted on, and until when?", "", "Enter what is being consulted on"
        ),
        _with(workflow.open_consultation, "reason"),
        "The consultation is open.",
    ),
    Action(
        "close-consultation",
        "close_consultation",
        "Close the consultation",
        "Close the consultation",
        f.reason_form("Summary of the responses", "", "Enter a summary of the responses"),
        _with(workflow.close_consultation, "reason"),
        "The consultation is closed.",
    ),
    Action(
        "defer",
        "defer",
        "Put on hold",
        "Put the proposal on hold",
        f.DeferForm,
        _with(workflow.defer_proposal, "reason", "review_on"),
        "The proposal is on hold.",
        explanation="You are putting it on hold as the Chair. The SSC's own decision to defer is recorded on the committee side.",
        only=is_ssc_chair,
    ),
    Action(
        "resume",
        "resume",
        "Take off hold",
        "Take the proposal off hold",
        f.ConfirmForm,
        _simple(workflow.resume_proposal),
        "The proposal is off hold.",
    ),
    Action(
        "send-to-ncsc",
        "send_to_ncsc",
        "Send to NCSC for publication",
        "Send the approved change to NCSC",
        f.ConfirmForm,
        _simple(workflow.send_to_ncsc),
        "The proposal is with NCSC for sign-off and publication.",
    ),
    Action(
        "publish",
        "publish_use_case",
        "Publish the Use Case",
        "Publish the Use Case in SSC Guidance Part 2",
        f.PublishUseCaseForm,
        _with(workflow.publish_use_case, "guidance_version"),
        "The Use Case has been published.",
        explanation="Publishing gives the Use Case the next three-digit Use Case number.",
    ),
    Action(
        "ncsc-published",
        "record_ncsc_publication",
        "Record NCSC publication",
        "Record NCSC's publication of the SC",
        f.NcscPublicationForm,
        _with(
            workflow.record_ncsc_publication,
            "sc_document",
            "version",
            "published_on",
            "ncsc_reference",
        ),
        "NCSC's publication has been recorded and the proposal is published.",
    ),
    Action(
        "ncsc-changes",
        "ncsc_changes_required",
        "NCSC requires changes",
        "Record that NCSC requires changes",
        f.reason_form("What changes does NCSC require?", "", "Enter the changes NCSC requires"),
        _with(workflow.ncsc_changes_required, "reason"),
        "The proposal is back under assessment.",
    ),
    Action(
        "supersede",
        "supersede",
        "Mark as superseded",
        "Close the proposal as superseded",
        f.SupersedeForm,
        _with(workflow.supersede_proposal, "superseded_by_reference", "reason"),
        "The proposal is closed as superseded.",
        warning=True,
        only=is_secretariat,
    ),
    Action(
        "withdraw",
        "withdraw",
        "Withdraw proposal",
        "Withdraw this proposal",
        f.reason_form(
            "Why is the proposal being withdrawn?",
            "",
            "Enter the reason for withdrawing the proposal",
        ),
        _with(workflow.withdraw_proposal, "reason"),
        "The proposal has been withdrawn.",
        warning=True,
        explanation="A withdrawn proposal cannot be changed or resubmitted.",
    ),
]
ACTION_BY_SLUG = {action.slug: action for action in ACTIONS}
ACTION_BY_TRANSITION = {action.transition: action for action in ACTIONS}


def available_actions(submission, user) -> list[Action]:
    """Return the actions this user may take on this proposal now, in process order."""
    names = {t.name for t in submission.get_available_user_state_transitions(user)}
    return [action for action in ACTIONS if action.transition in names and action.only.test(user)]
