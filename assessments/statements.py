"""Decisions written as the minutes state them ("The SSC AGREED to progress …"), not as questions.

Pure functions of the decision's outcome, whether it passed, and what it was about: the vote's
question is how it was put, the statement is what was decided.
"""

import re

from assessments.enums import Outcome

# What the committee agreed to, for each outcome; {subject} is the proposal or the item.
AGREED_TO = {
    Outcome.PROGRESS: "to progress {subject} to assessment",
    Outcome.CLARIFY: "to ask the proposer of {subject} for clarification",
    Outcome.REFER: "to refer {subject} for external views",
    Outcome.APPROVE: "to approve {subject}",
    Outcome.APPROVE_WITH_CONDITIONS: "to approve {subject}, subject to conditions",
    Outcome.REJECT: "to reject {subject}",
    Outcome.SEND_BACK: "to send {subject} back for further assessment",
    Outcome.DEFER: "to defer {subject} (put it on hold)",
    Outcome.SUPERSEDE: "that {subject} is superseded",
    Outcome.NOTED: "to note {subject}",
}

# A question that asks rather than proposes ("Should SECAS…?") cannot be turned into
# "AGREED to …"; such a motion is stated by its item instead.
ASKING = re.compile(
    r"^(should|shall|do|does|did|is|are|was|were|can|could|will|would|has|have|may|must)\b",
    re.IGNORECASE,
)


def subject_of(*, submission=None, item_title: str = "") -> str:
    """Return what a decision was about: the proposal by reference and title, else the item."""
    if submission is not None:
        title = submission.title
        return f"{submission.reference} ‘{title}’" if submission.reference else f"‘{title}’"
    return f"‘{item_title}’" if item_title else "the item"


def motion_clause(question: str) -> str:
    """Return the vote's question as a clause ("ask SECAS to …"), or "" if it asks rather than
    proposes ("Should SECAS …?")."""
    text = question.strip().rstrip("?.! ").strip()
    if not text or ASKING.match(text):
        return ""
    first = text.split()[0]
    # "Progress the Use Case" → "progress the Use Case"; "SECAS to …" keeps its capitals.
    if not (len(first) > 1 and first[1].isupper()):
        text = text[0].lower() + text[1:]
    return text


def decision_statement(
    *, code: str, outcome: str, passed: bool, subject: str, question: str = "", proposal=False
) -> str:
    """Return the decision as the minutes state it.

    A vote that passed: "The SSC AGREED to progress UCR-2026-002 ‘…’ to assessment." (APPROVED
    and REJECTED for those outcomes); one that did not: "The SSC did not agree to …". A motion
    with no change to a proposal (outcome NOTED, on an item with no proposal) is stated by its
    question as a clause ("The SSC AGREED to ask SECAS to …"), or else as NOTED; one on a
    proposal (`proposal`) as "The SSC NOTED UCR-2026-002 ‘…’".
    """
    committee = f"The {code}"
    if outcome == Outcome.NOTED:
        if passed and proposal:
            return f"{committee} NOTED {subject}."
        clause = motion_clause(question)
        verdict = "AGREED" if passed else "did not agree"
        if clause and clause[0].isupper():  # "SECAS to report": no verb to agree to
            return f"{committee} {verdict}: {clause}."
        if clause:
            return f"{committee} {verdict} to {clause}."
        if passed:
            return f"{committee} NOTED {subject}."
        return f"{committee} did not agree the motion on {subject}."
    if passed and outcome == Outcome.APPROVE:
        return f"{committee} APPROVED {subject}."
    if passed and outcome == Outcome.APPROVE_WITH_CONDITIONS:
        return f"{committee} APPROVED {subject}, subject to conditions."
    if passed and outcome == Outcome.REJECT:
        return f"{committee} REJECTED {subject}."
    phrase = AGREED_TO[Outcome(outcome)].format(subject=subject)
    return f"{committee} {'AGREED' if passed else 'did not agree'} {phrase}."


def tally_line(snapshot: dict) -> str:
    """Return the vote's count once, as the minutes give it: "For 5, Against 1, Abstain 1 (passed);
    1 member recused, …", with how a tie was settled, or the want of a quorum."""
    if not snapshot or "for_count" not in snapshot:
        return ""
    reason = snapshot.get("reason", "")
    if reason.startswith("Not quorate"):
        return reason + "."
    counts = (
        f"For {snapshot['for_count']}, Against {snapshot['against_count']},"
        f" Abstain {snapshot['abstain_count']}"
    )
    line = f"{counts} ({'passed' if snapshot.get('passed') else 'not passed'})"
    recused = len(snapshot.get("recused_ids") or [])
    if recused:
        line += (
            f"; {recused} member{'s' if recused > 1 else ''} recused, having declared an interest"
        )
    if "; " in reason:  # how a tie was settled, or why it could not be
        line += "; " + reason.split("; ", 1)[1]
    return line + "."
