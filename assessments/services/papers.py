"""Scheduling proposals onto agendas, drafting and issuing papers."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessments.enums import AnnexKind, ItemKind, MeetingStatus, Verb
from assessments.models import Annex, Committee, Meeting, Paper, Recommendation
from assessments.notifications import (
    tell_late_paper_approved,
    tell_paper_issued,
    tell_referral_paper,
)
from assessments.papers import drafting
from assessments.papers.references import paper_reference
from assessments.services.common import LatePaper, require_committee_business
from assessments.services.meetings import add_business_item
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User
from triage_portal.classification import STRICTNESS, Classification, strictest
from triage_portal.workdays import subtract_working_days
from usecases import workflow
from usecases.enums import SubmissionState
from usecases.errors import ActionRefused, require
from usecases.models import Referral, Submission
from usecases.selectors.proposals import bank_holidays


def next_meeting_with_slot(
    committee: Committee, *, after: datetime.date | None = None
) -> Meeting | None:
    """Return the next planned meeting that still has room for a business item."""
    after = after or timezone.localdate()
    meetings = Meeting.objects.filter(
        committee=committee, status=MeetingStatus.PLANNED, date__gte=after
    ).order_by("date")
    for meeting in meetings:
        if (
            meeting.items.filter(kind=ItemKind.BUSINESS).count()
            < settings.PORTAL_MAX_BUSINESS_ITEMS
        ):
            return meeting
    return None


def _annexes_for(paper: Paper, submission: Submission) -> None:
    position = 1
    Annex.objects.create(
        paper=paper,
        position=position,
        kind=AnnexKind.PROPOSAL_FORM,
        title=submission.title,
        classification=submission.classification,
    )
    if submission.clarifications.exists():
        position += 1
        Annex.objects.create(
            paper=paper,
            position=position,
            kind=AnnexKind.CLARIFICATIONS,
            title="Clarification questions and answers",
            classification=submission.classification,
        )
    for attachment in submission.attachments.all():
        position += 1
        Annex.objects.create(
            paper=paper,
            position=position,
            kind=AnnexKind.ATTACHMENT,
            title=attachment.original_name,
            attachment=attachment,
            classification=submission.classification,
        )


@transaction.atomic
def schedule_on_meeting(
    *,
    submission_id: int,
    user,
    meeting: Meeting | None = None,
    author_name: str = "",
    author_role: str = "",
) -> Paper:
    """Put a proposal on the next meeting with a paper slot, with a draft paper pre-filled from it.

    Side effects: adds the agenda item (closed session for RED); drafts the paper with the
    standard Purpose, Background and recommendations for the proposal's stage and the
    proposal's form as Annex 1; moves a registered proposal to initial consideration.
    """
    require(user, "assessments.manage_meetings")
    submission = Submission.objects.select_for_update().get(pk=submission_id)
    require_committee_business(submission)
    committee = (
        meeting.committee if meeting else Committee.objects.get(code=settings.PORTAL_HOME_COMMITTEE)
    )
    meeting = meeting or next_meeting_with_slot(committee)
    if meeting is None:
        raise ActionRefused(
            f"There is no planned {committee.code} meeting with a free paper slot. Create a meeting first."
        )
    item = add_business_item(
        user=user,
        meeting=meeting,
        title=drafting.paper_title(submission),
        classification=submission.classification,
        submission=submission,
    )
    paper = Paper.objects.create(
        agenda_item=item,
        title=drafting.paper_title(submission),
        author_name=author_name or user.full_name,
        author_role=author_role or user.get_role_display(),
        action=drafting.DEFAULT_ACTION,
        purpose=drafting.draft_purpose(submission, committee.code),
        background=drafting.DRAFT_BACKGROUND,
        classification=submission.classification,
    )
    for position, (verb, text) in enumerate(drafting.standard_recommendations(submission), start=1):
        Recommendation.objects.create(paper=paper, position=position, verb=verb, text=text)
    _annexes_for(paper, submission)
    paper.log_action(
        "assessments.paper.drafted",
        actor=user,
        data={"meeting": str(meeting), "item": item.number, "submission": submission.pk},
    )
    if submission.state == SubmissionState.REGISTERED:
        workflow.schedule_proposal(submission_id=submission.pk, user=user)
    return paper


def paper_deadline(meeting: Meeting) -> datetime.date:
    """Return the last day a paper may be issued: the meeting date less N working days."""
    return subtract_working_days(
        meeting.date, meeting.committee.paper_deadline_working_days, bank_holidays()
    )


def classification_problem(paper: Paper) -> str:
    """Return why the paper's classification is too weak for its annexes, or an empty string."""
    levels = list(paper.annexes.values_list("classification", flat=True))
    if not levels:
        return ""
    needed = strictest(*levels)
    if STRICTNESS[Classification(paper.classification)] < STRICTNESS[needed]:
        return (
            f"The paper is classified {paper.get_classification_display()} but an annex is {needed.label}: "
            f"classify the paper {needed.label} or stricter."
        )
    return ""


@transaction.atomic
def approve_late_paper(*, paper_id: int, user, reason: str) -> Paper:
    """Record the Chair's approval for an urgent item's paper to bypass the deadline.

    Side effects: the approval, logged; the secretariat is e-mailed (on commit).
    """
    require(user, "assessments.approve_late_paper")
    paper = (
        Paper.objects.select_for_update(of=("self",))
        .select_related("agenda_item__submission")
        .get(pk=paper_id)
    )
    submission = paper.agenda_item.submission
    if submission is None or not submission.is_urgent:
        raise ActionRefused("Only a paper on an urgent business need may bypass the deadline.")
    if not reason.strip():
        raise ActionRefused("Enter why the paper may be issued late.")
    paper.late_approved_by = user
    paper.save(update_fields=["late_approved_by"])
    reason = reason.strip()
    paper.log_action("assessments.paper.late_issue_approved", actor=user, data={"reason": reason})
    transaction.on_commit(lambda: tell_late_paper_approved(paper_id, reason=reason))
    return paper


@transaction.atomic
def issue_paper(*, paper_id: int, user, confirm_late: bool = False) -> Paper:
    """Issue the paper: allocate its permanent reference and stamp the paper date.

    Refuses while the classification is weaker than the strictest annex. Past the deadline
    it raises LatePaper unless the caller confirms, or the Chair approved a late issue.
    Side effects: the reference and date, logged; the committee's members who may read the
    paper are e-mailed (on commit).
    """
    require(user, "assessments.issue_paper")
    paper = (
        Paper.objects.select_for_update()
        .select_related("agenda_item__meeting__committee")
        .get(pk=paper_id)
    )
    if paper.is_issued:
        raise ActionRefused(f"This paper was already issued as {paper.reference}.")
    problem = classification_problem(paper)
    if problem:
        raise ActionRefused(problem)
    meeting = paper.agenda_item.meeting
    today = timezone.localdate()
    deadline = paper_deadline(meeting)
    late = today > deadline
    if late and not confirm_late and paper.late_approved_by_id is None:
        raise LatePaper(
            f"The deadline for papers for {meeting} was {deadline:%-d %B %Y}. Confirm to issue it late, "
            "or ask the Chair to approve a late issue for an urgent item."
        )
    paper.reference = paper_reference(
        meeting.committee.paper_ref_prefix, meeting.number, meeting.date, paper.agenda_item.number
    )
    paper.issued_at = timezone.now()
    paper.paper_date = paper.paper_date or today
    paper.save(update_fields=["reference", "issued_at", "paper_date"])
    paper.log_action(
        "assessments.paper.issued",
        actor=user,
        data={
            "reference": paper.reference,
            "late": late,
            "deadline": deadline,
            "chair_approved_late": paper.late_approved_by_id is not None,
        },
    )
    transaction.on_commit(lambda: tell_paper_issued(paper_id, late=late))
    return paper


REFERRAL_COMMITTEES = {"TABASC": "TABASC", "SMKI_PMA": "PMA", "PANEL": "SECP"}


@transaction.atomic
def referral_paper(*, referral_id: int, user, meeting: Meeting | None = None) -> Paper:
    """Put a referral on the referee committee's next agenda, with its own paper (as the seed paper).

    The draft is written by the SSC Chair to the other committee: NOTE the proposal (Annex 1),
    CONFIRM whether clarifications are needed, and the referral's question. The other
    committee's members who may read the item are e-mailed, with the response's due date.
    """
    require(user, "assessments.manage_meetings")
    referral = Referral.objects.select_related("submission").get(pk=referral_id)
    code = REFERRAL_COMMITTEES.get(referral.body)
    if code is None:
        raise ActionRefused(
            f"{referral.get_body_display()} does not meet as a committee here: record its response directly."
        )
    committee = Committee.objects.filter(code=code).first()
    meeting = meeting or (next_meeting_with_slot(committee) if committee else None)
    if meeting is None:
        raise ActionRefused(
            f"There is no planned {code} meeting with a free paper slot. Create a meeting first."
        )
    submission = referral.submission
    chair = User.objects.filter(role=Role.SSC_CHAIR, is_active=True).first()
    item = add_business_item(
        user=user,
        meeting=meeting,
        title=drafting.paper_title(submission),
        classification=submission.classification,
        submission=submission,
    )
    paper = Paper.objects.create(
        agenda_item=item,
        title=drafting.paper_title(submission),
        author_name=chair.full_name if chair else user.full_name,
        author_role="SSC Chair" if chair else user.get_role_display(),
        action=drafting.DEFAULT_ACTION,
        purpose=drafting.draft_purpose(submission, "SSC"),
        background=drafting.DRAFT_BACKGROUND,
        recommendation_lead="The SSC is now requested to:" if code == "SSC" else "",
        classification=submission.classification,
    )
    verb, _, rest = referral.question.partition(" ")
    last = (
        (verb.upper(), rest)
        if verb.upper() in Verb.values and rest
        else (Verb.PROVIDE, f"views on: {referral.question}")
    )
    rows = [
        (Verb.NOTE, f"the proposal for the {submission.title} (see Annex 1);"),
        (Verb.CONFIRM, "whether any clarifications are needed to the proposal; and"),
        last,
    ]
    for position, (verb_value, text) in enumerate(rows, start=1):
        Recommendation.objects.create(paper=paper, position=position, verb=verb_value, text=text)
    _annexes_for(paper, submission)
    paper.log_action(
        "assessments.paper.drafted",
        actor=user,
        data={"referral": referral.pk, "meeting": str(meeting)},
    )
    submission.log_action(
        "usecases.referral.paper_drafted",
        actor=user,
        data={"referral": referral.pk, "body": referral.body, "meeting": str(meeting)},
    )
    transaction.on_commit(lambda: tell_referral_paper(paper.pk, referral_id))
    return paper


def has_read(*, paper: Paper, user) -> bool:
    """Return whether the user has recorded reading the paper."""
    from assessments.models import PaperRead

    return PaperRead.objects.filter(paper=paper, reader=user).exists()


def mark_read(*, paper: Paper, user) -> None:
    """Note the first time a signed-in reader opens an issued paper (page or PDF)."""
    from assessments.models import PaperRead

    if not user.is_authenticated or not paper.is_issued:
        return
    _, created = PaperRead.objects.get_or_create(paper=paper, reader=user)
    if created:
        paper.log_action(
            "assessments.paper.first_read", actor=user, data={"reference": paper.reference}
        )
