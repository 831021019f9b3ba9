"""The buttons of a proposal's page: one primary action that follows the state, and the rest.

Each entry is guarded by the same permission string as the service it leads to (usecases/rules.py,
or the transition's own permission for the FSM actions), so a button shows only to someone the
service will let act. Each says in one line what it does, for the "More actions" list.
"""

from dataclasses import dataclass

from django.urls import reverse

from usecases.enums import SubmissionState as S
from usecases.presentation.transition_pages import available_actions

PURPOSES = {
    "return": "E-mails the proposer what to complete or correct; the proposal goes back to them.",
    "register": "Gives the proposal its permanent reference and sets its classification.",
    "schedule": "Moves it to initial consideration without choosing a meeting yet.",
    "clarify": "Sends the proposer questions with a due date; the clock stops until they answer.",
    "await-views": "Pauses the assessment until the bodies consulted reply.",
    "views-received": "Records that the views are in; the assessment carries on.",
    "reconsider": "Records that the views are in and returns it to initial consideration.",
    "table": "Marks the assessment finished, ready for the SSC's decision.",
    "open-consultation": "Records that an industry consultation is open, and on what.",
    "close-consultation": "Closes the consultation with a summary of the responses.",
    "defer": "Puts it on hold as the Chair, with a reason and a review date.",
    "resume": "Takes it off hold so the process carries on where it stopped.",
    "send-to-ncsc": "Sends the approved change to NCSC for sign-off and publication.",
    "publish": "Publishes the Use Case in SSC Guidance Part 2 with the next Use Case number.",
    "ncsc-published": "Records NCSC's publication of the SC; the proposal is then published.",
    "ncsc-changes": "Records the changes NCSC asked for; the proposal goes back under assessment.",
    "supersede": "Closes this proposal because a later one replaces it.",
    "withdraw": "Closes the proposal for good; it cannot be changed or resubmitted.",
    "continue": "Opens the list of sections still to answer.",
    "resubmit": "Opens the list of sections so you can correct them and submit again.",
    "answer": "Answers the questions the SSC asked, before the due date.",
    "agenda": "Adds it as an item on a planned meeting's agenda, where its paper is written.",
    "refer": "Asks TABASC, the SMKI PMA, NCSC or others for their views, with a due date.",
    "classify": "Changes who may see the proposal; the change and its reason are logged.",
    "ncsc-advice": "Records the advice NCSC gave on this proposal.",
    "edit": "Corrects the answers; each change shows in the timeline with old and new values.",
    "delete": "Deletes the draft for good; nothing has been sent to the SSC.",
}

# The action most likely next in each state, in order of preference; the first available wins.
PRIMARY_BY_STATE = {
    S.DRAFT: ("continue",),
    S.RETURNED: ("resubmit",),
    S.SUBMITTED: ("register",),
    S.REGISTERED: ("agenda", "schedule"),
    S.INITIAL_CONSIDERATION: ("agenda",),
    S.CLARIFICATION_REQUESTED: ("answer",),
    S.UNDER_ASSESSMENT: ("table",),
    S.AWAITING_EXTERNAL_VIEWS: ("views-received",),
    S.CONSULTATION: ("close-consultation",),
    S.DECISION_PENDING: ("agenda",),
    S.ON_HOLD: ("resume",),
    S.APPROVED: ("send-to-ncsc", "publish"),
    S.AWAITING_NCSC_PUBLICATION: ("ncsc-published",),
}

# Agenda business is open while the proposal is before the committee (assessments' own rule).
AGENDA_STATES = (S.REGISTERED, S.INITIAL_CONSIDERATION, S.DECISION_PENDING)


@dataclass(frozen=True)
class PageAction:
    key: str
    label: str
    url: str
    purpose: str
    warning: bool = False


def _extra(submission, user) -> list[PageAction]:
    """Return the actions that are not state transitions, each behind its service's permission."""
    pk = submission.pk
    drafting = submission.state in (S.DRAFT, S.RETURNED)
    can_edit = user.has_perm("usecases.edit_proposal", submission)
    live = not submission.is_terminal
    offered = [
        (
            "continue",
            "Continue your draft",
            "usecases:proposal-tasks",
            submission.state == S.DRAFT and can_edit,
        ),
        (
            "resubmit",
            "Make changes and resubmit",
            "usecases:proposal-tasks",
            submission.state == S.RETURNED and can_edit,
        ),
        (
            "answer",
            "Answer the SSC's questions",
            "usecases:clarification-answer",
            submission.state == S.CLARIFICATION_REQUESTED
            and user.has_perm("usecases.answer_clarification", submission),
        ),
        (
            "agenda",
            "Put on a meeting agenda",
            "assessments:proposal-schedule",
            submission.state in AGENDA_STATES and user.has_perm("assessments.manage_meetings"),
        ),
        (
            "refer",
            "Refer for views",
            "usecases:referral-create",
            live
            and submission.registered_at is not None
            and user.has_perm("usecases.manage_referrals", submission),
        ),
        (
            "classify",
            "Change classification",
            "usecases:classification-change",
            user.has_perm("usecases.set_classification", submission),
        ),
        (
            "ncsc-advice",
            "Record NCSC advice",
            "usecases:ncsc-advice",
            live and user.has_perm("usecases.record_ncsc_advice", submission),
        ),
        ("edit", "Edit answers", "usecases:proposal-check", can_edit and not drafting),
    ]
    shown = [
        PageAction(key, label, reverse(url_name, args=[pk]), PURPOSES[key])
        for key, label, url_name, allowed in offered
        if allowed
    ]
    if user.has_perm("usecases.delete_draft", submission):
        url = reverse("usecases:proposal-delete", args=[pk])
        shown.append(PageAction("delete", "Delete draft", url, PURPOSES["delete"], warning=True))
    return shown


def proposal_page_actions(submission, user) -> tuple[PageAction | None, list[PageAction]]:
    """Return the page's primary action (or None) and the others, warnings last."""
    # Submitting and answering are reached through their own pages, not a confirmation page.
    through_pages = {"submit", "resubmit", "answer_clarification"}
    transitions = [
        PageAction(
            action.slug,
            action.label,
            reverse("usecases:proposal-action", args=[submission.pk, action.slug]),
            PURPOSES.get(action.slug, action.explanation),
            warning=action.warning,
        )
        for action in available_actions(submission, user)
        if action.transition not in through_pages
    ]
    every = _extra(submission, user) + transitions
    by_key = {action.key: action for action in every}
    wanted = PRIMARY_BY_STATE.get(submission.state, ())
    primary = next((by_key[key] for key in wanted if key in by_key), None)
    if primary is None:
        primary = next((action for action in every if not action.warning), None)
    others = [action for action in every if action is not primary]
    others.sort(key=lambda action: action.warning)
    return primary, others
