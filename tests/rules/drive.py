"""Every call the stateful test makes to the portal's services, in one place.

When a service's signature changes (a seat argument for a vote, a Decision behind a proposal's
move, an invitation service for RED items), adapt it here; the machine and the reference stay
as they are. A refusal is usecases.errors.ActionRefused; anything else the services raise is a
failure, except where noted below.
"""

import datetime

from django.utils import timezone

from assessments.enums import SeatCategory, VettingStatus
from assessments.models import Committee, ConflictDeclaration, Membership, Minutes, Seat
from assessments.services import ballots, decisions, meetings, minutes, papers
from usecases import workflow
from usecases.errors import ActionRefused
from usecases.models import DeviceType

DIRECT_DECISIONS = {
    "progress": workflow.progress_proposal,
    "approve": workflow.approve_proposal,
    "reject": workflow.reject_proposal,
    "send_back": workflow.send_back_proposal,
}


def make_committee(*, code, quorum, chair_required, casting_vote, threshold) -> Committee:
    """Create the committee with these rules (fractions, stored to three decimal places); fall
    back to the defaults if the portal refuses them."""
    from decimal import Decimal

    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    committee = Committee(
        code=code,
        name=f"{code} committee",
        paper_ref_prefix=code,
        quorum_fraction=round(Decimal(quorum.numerator) / quorum.denominator, 3),
        chair_required=chair_required,
        chair_casting_vote=casting_vote,
        correspondence_threshold=round(Decimal(threshold.numerator) / threshold.denominator, 3),
    )
    try:
        committee.full_clean()
        with transaction.atomic():
            committee.save()
    except (ValidationError, IntegrityError):
        committee = Committee.objects.create(
            code=code, name=f"{code} committee", paper_ref_prefix=code
        )
    return committee


def seat(committee, category: str, number: int, person, *, alternate=None) -> Membership:
    today = timezone.localdate()
    return Membership.objects.create(
        seat=Seat.objects.create(committee=committee, category=category, number=number),
        person=person,
        alternate=alternate,
        term_start=today - datetime.timedelta(days=30),
        term_end=today + datetime.timedelta(days=300),
        vetting_status=VettingStatus.VETTED,
        vetting_expires_on=today + datetime.timedelta(days=400),
    )


CHAIR, OBSERVER = SeatCategory.CHAIR, SeatCategory.OBSERVER_NCSC
VOTING = (
    SeatCategory.LARGE_SUPPLIER,
    SeatCategory.SMALL_SUPPLIER,
    SeatCategory.GAS_NETWORK,
    SeatCategory.ELECTRICITY_NETWORK,
)


def draft(*, author, kind: str, answers: dict, supporters: list) -> int:
    """Start a draft and fill it in as the proposer would; return its id."""
    submission = workflow.start_proposal(user=author, kind=kind)
    device, _ = DeviceType.objects.get_or_create(code="ESME", defaults={"name": "ESME device"})
    workflow.save_answers(
        submission_id=submission.pk,
        user=author,
        answers={**answers, "device_types": [device]},
        section="stateful",
    )
    for name, party, email in supporters:
        workflow.add_supporter(
            submission_id=submission.pk,
            user=author,
            name=name,
            sec_party=party,
            phone="01632 960 100",
            email=email,
        )
    return submission.pk


def submit(*, submission_id, user):
    workflow.submit_proposal(submission_id=submission_id, user=user, declaration=True)


def respond_to_support(*, token: str, confirm: bool):
    from usecases.workflow.support_links import InvalidSupportLink

    try:
        workflow.respond_to_support_request(token=token, confirm=confirm)
    except InvalidSupportLink as error:
        raise ActionRefused(str(error)) from error


def register(*, submission_id, user, level):
    workflow.register_proposal(submission_id=submission_id, user=user, classification=level)


def classify(*, submission_id, user, level):
    workflow.change_classification(
        submission_id=submission_id, user=user, classification=level, reason="Reviewed"
    )


def withdraw(*, submission_id, user):
    workflow.withdraw_proposal(submission_id=submission_id, user=user, reason="No longer needed")


def decide_directly(*, submission_id, user, what: str):
    """A decision on the proposal from its page, as the Chair or secretariat may today."""
    DIRECT_DECISIONS[what](submission_id=submission_id, user=user, reason="Decided")


def table(*, submission_id, user):
    workflow.table_proposal(submission_id=submission_id, user=user)


def record_advice(*, submission_id, user):
    workflow.record_ncsc_advice(submission_id=submission_id, user=user, advice="No objection")


def publish(*, submission_id, user):
    workflow.publish_use_case(submission_id=submission_id, user=user, guidance_version="2.1")


def create_meeting(*, user, committee, number: int, day: datetime.date):
    return meetings.create_meeting(user=user, committee=committee, number=number, date=day)


def schedule(*, submission_id, user, meeting):
    """Put the proposal on the meeting's agenda; return (agenda item id, paper id)."""
    paper = papers.schedule_on_meeting(submission_id=submission_id, user=user, meeting=meeting)
    return paper.agenda_item_id, paper.pk


def issue(*, paper_id, user):
    papers.issue_paper(paper_id=paper_id, user=user, confirm_late=True)


def attend(*, user, meeting, person, status: str, represented_by=None):
    meetings.record_attendance(
        user=user, meeting=meeting, person=person, status=status, represented_by=represented_by
    )


def invite(*, user, item_id, person):
    """Name a person for a RED item. No service exists today: add them as the admin would."""
    from assessments.models import AgendaItem

    item = AgendaItem.objects.get(pk=item_id)
    item.invitees.add(person)
    item.log_action("assessments.agenda.person_invited", actor=user, data={"person": person.pk})


def lapse(*, user, membership: Membership, what: str):
    """Record that a member's term or vetting ended yesterday, as the admin would."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    field = "term_end" if what == "term" else "vetting_expires_on"
    if what == "term" and membership.term_start > yesterday:
        membership.term_start = yesterday
    setattr(membership, field, yesterday)
    membership.save(update_fields=[field, "term_start"])
    membership.log_action(
        "assessments.membership.changed", actor=user, data={field: yesterday.isoformat()}
    )


def open_vote(*, user, committee, question, outcome, method, item_id=None, submission_id=None):
    """Open a vote on an agenda item or, by correspondence, on a proposal; return its id."""
    from assessments.models import AgendaItem
    from usecases.models import Submission

    item = AgendaItem.objects.get(pk=item_id) if item_id else None
    submission = Submission.objects.get(pk=submission_id) if submission_id else None
    closes_at = timezone.now() + datetime.timedelta(days=3) if method == "CORRESPONDENCE" else None
    return ballots.open_ballot(
        user=user,
        committee=committee,
        question=question,
        outcome_if_passed=outcome,
        method=method,
        agenda_item=item,
        submission=submission,
        closes_at=closes_at,
    ).pk


def declare(*, ballot_id, user, interest: bool):
    ballots.declare_interest(
        ballot_id=ballot_id, user=user, has_interest=interest, nature="Employer" if interest else ""
    )


def rule(*, ballot_id, person, user, exclude: bool):
    declaration = ConflictDeclaration.objects.filter(ballot_id=ballot_id, person=person).first()
    if declaration is None:
        raise ActionRefused("There is no declaration to rule on.")
    ballots.rule_on_interest(declaration_id=declaration.pk, user=user, exclude=exclude)


def vote(*, ballot_id, user, choice: str, seat=None):
    """Cast a vote; return (seat id the portal recorded it for, whether it is a new vote).

    Today the portal chooses the seat itself (the user's own before one they stand in for);
    `seat` is the seat the machine meant, for a service that lets the voter say.
    """
    from assessments.models import Vote

    before = set(Vote.objects.filter(ballot_id=ballot_id).values_list("pk", flat=True))
    cast = ballots.cast_vote(ballot_id=ballot_id, user=user, choice=choice)
    return cast.seat_id, cast.pk not in before


def close(*, ballot_id, user, casting: str | None):
    """Close the vote; return the decision's id.

    The ballot page shows a ValueError from closing as a message (assessments/views/ballots.py),
    so here it is a refusal too; a ballot page that fails is caught by the page checks.
    """
    try:
        return decisions.close_ballot(ballot_id=ballot_id, user=user, casting_vote=casting).pk
    except ValueError as error:
        raise ActionRefused(str(error)) from error


def recorded_tally(decision) -> dict:
    """What the portal recorded: passed, the counts, quorate and the casting vote."""
    snap = decision.snapshot
    return {
        "passed": decision.passed,
        "for_count": snap.get("for_count"),
        "against_count": snap.get("against_count"),
        "abstain_count": snap.get("abstain_count"),
        "quorate": snap.get("quorate"),
        "casting_used": snap.get("casting_vote_used"),
    }


def draft_minutes(*, meeting_id, user):
    minutes.draft_minutes(meeting_id=meeting_id, user=user)


def approve_minutes(*, meeting, user, at_meeting):
    record = Minutes.objects.filter(meeting=meeting).first()
    if record is None:
        raise ActionRefused("There are no minutes to approve.")
    minutes.approve_minutes(minutes_id=record.pk, user=user, at_meeting=at_meeting)


# Reading what the portal did (not services, but kept here beside the calls that do it).


def support_tokens(*, submission_id) -> list[tuple[str, str]]:
    """Return (e-mail address, link token) of each supporter still asked to confirm, as the
    e-mailed links carry them."""
    from usecases.enums import SupportStatus
    from usecases.models import SupportingParty
    from usecases.workflow.support_links import support_token

    pending = SupportingParty.objects.filter(
        submission_id=submission_id, status=SupportStatus.PENDING
    )
    return [(s.email, support_token(s)) for s in pending]


def passed_outcomes(*, submission_id) -> list[str]:
    """Return the outcomes of the passed decisions recorded on the proposal."""
    from assessments.models import Decision

    return list(
        Decision.objects.filter(submission_id=submission_id, passed=True).values_list(
            "outcome", flat=True
        )
    )


def states() -> dict[int, str]:
    from usecases.models import Submission

    return dict(Submission.objects.values_list("pk", "state"))


def has_minutes(*, meeting_id) -> bool:
    return Minutes.objects.filter(meeting_id=meeting_id).exists()


def change_stamp() -> str:
    """The audit chain's head: every recorded change moves it."""
    from triage_portal.audit.models import ChainHead

    head = ChainHead.objects.filter(pk=1).first()
    return head.last_hash if head else ""


def changes_since(last_pk: int) -> tuple[list[tuple[str, str]], int]:
    """Return (model label, object id) of every audit entry after last_pk, and the newest pk."""
    from triage_portal.audit.models import ActivityLog

    rows = list(
        ActivityLog.objects.filter(pk__gt=last_pk)
        .order_by("pk")
        .values_list("pk", "content_type__app_label", "content_type__model", "object_id")
    )
    newest = rows[-1][0] if rows else last_pk
    return [(f"{app}.{model}", object_id) for _, app, model, object_id in rows], newest


def pdf_fingerprint(kind: str, pk: int) -> str:
    """What a paper's or minutes' PDF is made of, to tell whether it can have changed."""
    from assessments.models import Annex, Paper
    from usecases.models import Submission

    if kind == "paper":
        paper = Paper.objects.filter(pk=pk).values().first()
        item = Paper.objects.filter(pk=pk).values_list("agenda_item__submission_id", flat=True)
        submission = Submission.objects.filter(pk__in=list(item)).values().first()
        annexes = list(Annex.objects.filter(paper_id=pk).order_by("pk").values())
        return repr((paper, submission, annexes))
    from assessments.models import Action, AgendaItem, Attendance, Decision, ItemMinutes, Meeting

    # The minutes are read from the meeting's record whenever they are shown: its items, their
    # write-ups, its attendance, decisions (and the committee's by correspondence) and actions.
    meeting = Meeting.objects.filter(pk=pk).values().first()
    rows = (
        (Minutes, {"meeting_id": pk}),
        (ItemMinutes, {"minutes__meeting_id": pk}),
        (AgendaItem, {"meeting_id": pk}),
        (Attendance, {"meeting_id": pk}),
        (Decision, {"committee_id": meeting["committee_id"] if meeting else None}),
        (Action, {"meeting__committee_id": meeting["committee_id"] if meeting else None}),
    )
    return repr(
        (
            meeting,
            [list(model.objects.filter(**where).order_by("pk").values()) for model, where in rows],
        )
    )
