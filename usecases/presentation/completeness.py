"""What a proposal still needs before it can be submitted, in words that say what to do."""

from dataclasses import dataclass

from usecases.enums import SubmissionKind, TriState, YesNo
from usecases.models import Submission
from usecases.presentation.journey import SECTIONS


@dataclass(frozen=True)
class Missing:
    section: str
    field: str
    message: str


def missing_answers(submission: Submission) -> list[Missing]:
    """Return every answer the proposal lacks, in the order the form asks for them."""
    s = submission
    gaps: list[Missing] = []

    def need(condition: bool, section: str, field: str, message: str) -> None:
        if not condition:
            gaps.append(Missing(section, field, message))

    if s.kind == SubmissionKind.SC_MODIFICATION:
        need(
            bool(s.sc_mod_title.strip()),
            "titles",
            "sc_mod_title",
            "Enter the proposed SC Modification title",
        )
    else:
        need(
            bool(s.use_case_title.strip()),
            "titles",
            "use_case_title",
            "Enter the proposed Use Case title",
        )
    need(bool(s.proposer_name.strip()), "proposer", "proposer_name", "Enter the proposer's name")
    need(
        bool(s.proposer_organisation_name.strip()),
        "proposer",
        "proposer_organisation_name",
        "Enter the proposer's organisation",
    )
    need(bool(s.proposer_phone.strip()), "proposer", "proposer_phone", "Enter a contact number")
    need(bool(s.proposer_email.strip()), "proposer", "proposer_email", "Enter an e-mail address")
    need(
        s.supporters.exists(),
        "supporters",
        "supporters",
        "Add at least one SEC Party that supports this proposal",
    )
    need(
        bool(s.q1_issue.strip()), "issue", "q1_issue", "Enter the issue you are looking to address"
    )
    need(
        bool(s.q2_why_needed.strip()),
        "issue",
        "q2_why_needed",
        "Enter why the issue needs to be addressed",
    )
    need(bool(s.q3_solution.strip()), "solution", "q3_solution", "Enter the proposed solution")
    need(
        bool(s.q4_affects_existing_sc),
        "existing-sc",
        "q4_affects_existing_sc",
        "Select whether this affects an existing SC",
    )
    need(
        s.q4_affects_existing_sc != TriState.YES or bool(s.q4_explanation.strip()),
        "existing-sc",
        "q4_explanation",
        "Explain which existing SC is affected and how",
    )
    need(
        bool(s.q5_requires_new_sc),
        "new-sc",
        "q5_requires_new_sc",
        "Select whether this requires a new SC",
    )
    need(
        s.q5_requires_new_sc != TriState.YES or bool(s.q5_explanation.strip()),
        "new-sc",
        "q5_explanation",
        "Explain why a new SC is needed",
    )
    need(
        bool(s.q6_urgent), "urgency", "q6_urgent", "Select whether this is an urgent business need"
    )
    need(
        s.q6_urgent != YesNo.YES or bool(s.q6_justification.strip()),
        "urgency",
        "q6_justification",
        "Explain why this is an urgent business need",
    )
    need(
        s.device_types.exists(), "scope", "device_types", "Select at least one device type affected"
    )
    need(
        bool(s.proposer_classification),
        "scope",
        "proposer_classification",
        "Select how you classify this proposal",
    )
    return gaps


@dataclass(frozen=True)
class Task:
    slug: str
    title: str
    completed: bool
    optional: bool


def section_statuses(submission: Submission) -> list[Task]:
    """Return each question page with whether it is completed, for the draft's task list."""
    incomplete = {gap.section for gap in missing_answers(submission)}
    return [
        Task(
            slug=section.slug,
            title=section.title,
            completed=section.slug not in incomplete
            and (section.slug != "attachments" or submission.attachments.exists()),
            optional=section.slug == "attachments",
        )
        for section in SECTIONS
    ]
