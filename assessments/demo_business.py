"""The SSC's business for the demo: two held meetings, votes, decisions, minutes and actions.

Every step goes through the real services, on the dates the demo meetings fall on (working
days: see assessments.demo.load_meetings), so `verify_audit` replays the demo. What a reviewer
finds:

- SSC 93, held, its minutes approved at SSC 94, with two actions (one since closed), both
  carried forward to SSC 94's minutes item;
- SSC 94, held: the Chair, most members and the NCSC observer present, one member's apologies,
  one seat represented by its alternate (Alex Alternate);
  - an AMBER proposal progressed by a vote (For, Against, Abstain), the E.ON member excluded
    by the Chair for a declared interest: SSC94/D01;
  - a RED proposal (the proposer said AMBER, the secretariat registered it RED) in closed
    session, named invitees only (not member2@), its paper issued, progressed by a vote:
    SSC94/D02;
  - a tie settled by the Chair's casting vote: SSC94/D03;
  - the minutes of SSC 93 agreed by consensus: SSC94/D04;
  - draft minutes, each item written up, with actions captured on two items;
- a vote by correspondence still open (it closes in three working days), some votes in.

The services stamp the time they act (timezone.now), so what they record is dated the day the
demo is loaded, not the meeting's day; nothing here writes around them.
"""

import datetime

from django.utils import timezone

from assessments.enums import ActionStatus, AttendanceStatus, BallotMethod, Choice, Outcome
from assessments.models import AgendaItem, Committee, Meeting, Membership, Minutes
from assessments.services.ballots import cast_vote, declare_interest, open_ballot, rule_on_interest
from assessments.services.decisions import (
    CastingVoteNeeded,
    close_ballot,
    record_consensus_decision,
)
from assessments.services.invitations import set_invitees
from assessments.services.meetings import add_business_item, record_attendance
from assessments.services.minutes import (
    add_action,
    approve_minutes,
    draft_minutes,
    record_item_discussion,
    set_action_status,
)
from assessments.services.papers import issue_paper, schedule_on_meeting
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import Organisation, User
from triage_portal.classification import Classification
from triage_portal.workdays import add_working_days
from usecases import workflow
from usecases.demo.load import DEMO_PASSWORD
from usecases.models import DeviceType, Submission
from usecases.selectors.proposals import bank_holidays
from usecases.workflow.support_links import support_token

ALTERNATE_EMAIL = "alternate@demo.example.com"
ALTERNATE_NAME = "Alex Alternate"
# The seat whose member is represented at SSC 94 by the alternate, and the member who sent apologies.
REPRESENTED_EMAIL = "ls6@demo.example.com"
APOLOGIES_EMAIL = "ls4@demo.example.com"

AMBER_TITLE = "DEMO Use Case D-004 – Re-use of triaged ESME across DNO regions"
RED_TITLE = "DEMO – Compromised key material at a triage facility"
CORRESPONDENCE_TITLE = "DEMO Use Case D-005 – Roll-back of PPMID firmware at a Triage Facility"
TIE_ITEM_TITLE = "DEMO – Annual sample audits of triage facilities"

# Named on the RED item: the Chair, the E.ON member, the NCSC observer and two more members.
# member2@ (British Gas) is present at SSC 94 but not named, so the item is withheld from them.
RED_INVITEES = (
    "chair@demo.example.com",
    "member@demo.example.com",
    "observer@demo.example.com",
    "ls3@demo.example.com",
    "ls5@demo.example.com",
)

# (e-mail, choice) for each vote, cast by the person who votes for the seat at SSC 94.
AMBER_VOTES = (
    ("member2@demo.example.com", Choice.FOR),
    ("ls3@demo.example.com", Choice.FOR),
    ("ls5@demo.example.com", Choice.FOR),
    (ALTERNATE_EMAIL, Choice.FOR),  # for ls6@'s seat
    ("gn1@demo.example.com", Choice.FOR),
    ("ss1@demo.example.com", Choice.AGAINST),
    ("en1@demo.example.com", Choice.ABSTAIN),
)
RED_VOTES = (
    ("member@demo.example.com", Choice.FOR),
    ("ls3@demo.example.com", Choice.FOR),
    ("ls5@demo.example.com", Choice.ABSTAIN),
)
TIE_VOTES = (
    ("member@demo.example.com", Choice.FOR),
    ("ls3@demo.example.com", Choice.FOR),
    ("member2@demo.example.com", Choice.AGAINST),
    ("ls5@demo.example.com", Choice.AGAINST),
    ("ss1@demo.example.com", Choice.ABSTAIN),
)
CORRESPONDENCE_VOTES = (
    ("member2@demo.example.com", Choice.FOR),
    ("ls3@demo.example.com", Choice.FOR),
    ("en1@demo.example.com", Choice.AGAINST),
)

# (item number, action, owner, working days after the meeting it is due)
SSC93_ACTIONS = (
    (
        3,
        "Circulate the revised triage facility assurance checklist to members.",
        "SECAS",
        10,
    ),
    (
        3,
        "Ask the NCSC for its view on re-using DNO certificates after triage.",
        "SSC Chair",
        25,
    ),
)
SSC93_DISCUSSION = {
    3: "SECAS reported that two triage facilities had asked how the assurance checklist applies"
    " to devices returned from other DNO regions. Members agreed the checklist should be"
    " revised before the next round of facility audits.",
}
# What the minutes of SSC 94 record of each item's discussion, by item number.
SSC94_DISCUSSION = {
    1: "The Chair reviewed the actions carried forward from SSC 93.",
    3: "The proposer's representative presented the Use Case. Members asked whether re-use"
    " across DNO regions changes the key material held on the device; the NCSC observer"
    " confirmed that it does not when the device is re-commissioned through the DCC.",
    4: "Members discussed the proposal in closed session with the NCSC observer.",
    5: "SECAS presented options for sampling triage facilities each year. Members were divided"
    " on the cost to smaller facilities.",
    6: "No other business was raised.",
}
AMBER_REASONS = (
    "The Use Case re-uses devices already assured under the triage arrangements, and the NCSC"
    " saw no change to the key material they hold. Members asked for the assessment to confirm"
    " how re-commissioning is recorded."
)


def _user(email: str) -> User:
    return User.objects.get(email=email)


def load_alternate() -> User:
    """Create Alex Alternate and register them as the alternate of ls6@'s seat on the SSC."""
    represented = _user(REPRESENTED_EMAIL)
    alternate, created = User.objects.get_or_create(
        email=ALTERNATE_EMAIL,
        defaults={
            "full_name": ALTERNATE_NAME,
            "role": Role.SSC_MEMBER,
            "organisation": represented.organisation,
            "organisation_verified": represented.organisation is not None,
            "email_confirmed_at": timezone.now(),
        },
    )
    if created:
        alternate.set_password(DEMO_PASSWORD)
        alternate.save(update_fields=["password"])
    membership = Membership.objects.get(person=represented, seat__committee__code="SSC")
    if membership.alternate_id is None:
        # Memberships change in the admin, never through a service; each save is logged
        # (assessments.membership_log), so verify_audit replays it.
        membership.alternate = alternate
        membership.save(update_fields=["alternate"])
    return alternate


def load_committee_business() -> None:
    """Load SSC 93's and SSC 94's business, and an open vote by correspondence, once."""
    ssc = Committee.objects.get(code="SSC")
    earlier = Meeting.objects.get(committee=ssc, number=93)
    held = Meeting.objects.get(committee=ssc, number=94)
    load_alternate()
    if Minutes.objects.filter(meeting=held).exists():
        return  # loaded before: every step below ends with these minutes, in one transaction
    office = _user("secretariat@demo.example.com")
    chair = _user("chair@demo.example.com")
    _hold_ssc93(earlier, office)
    _record_ssc94_attendance(held, office)
    amber = _submitted_proposal(
        AMBER_TITLE,
        Classification.AMBER,
        supporter=("Pat Supporter", "E.ON Energy Solutions Limited", "pat.supporter@example.com"),
    )
    red = _submitted_proposal(
        RED_TITLE,
        Classification.AMBER,
        registered_as=Classification.RED,
        kind="SC_MODIFICATION",
        supporter=("Sam Supporter", "Northern Powergrid", "sam.supporter@example.com"),
    )
    _decide_amber_item(held, amber, office, chair)
    _decide_red_item(held, red, office, chair)
    _decide_tie(held, office, chair)
    _agree_ssc93_minutes(earlier, held, office, chair)
    _open_correspondence_vote(ssc, office)
    add_action(
        user=office,
        meeting=held,
        agenda_item=held.items.get(submission=amber),
        description=f"Write to the proposer of '{AMBER_TITLE}' with the SSC's decision.",
        owner="SECAS",
        due_on=_working_days_after(timezone.localdate(), 5),
    )
    add_action(
        user=office,
        meeting=held,
        agenda_item=held.items.get(title=TIE_ITEM_TITLE),
        description="Bring costed options for annual sample audits to SSC 95.",
        owner="SECAS",
        due_on=_working_days_after(timezone.localdate(), 10),
    )
    draft_minutes(meeting_id=held.pk, user=office)
    _write_up(held, SSC94_DISCUSSION, office)


def _working_days_after(day: datetime.date, count: int) -> datetime.date:
    return add_working_days(day, count, bank_holidays())


def _hold_ssc93(meeting: Meeting, office: User) -> None:
    """Record SSC 93's attendance and actions, and draft its minutes."""
    for email in ("chair@demo.example.com", *_voting_members(), "observer@demo.example.com"):
        status = AttendanceStatus.APOLOGIES if email == "ss1@demo.example.com" else None
        record_attendance(
            user=office,
            meeting=meeting,
            person=_user(email),
            status=status or AttendanceStatus.PRESENT,
        )
    for number, description, owner, days in SSC93_ACTIONS:
        add_action(
            user=office,
            meeting=meeting,
            agenda_item=meeting.items.get(number=number),
            description=description,
            owner=owner,
            due_on=_working_days_after(meeting.date, days),
        )
    draft_minutes(meeting_id=meeting.pk, user=office)
    _write_up(meeting, SSC93_DISCUSSION, office)


def _write_up(meeting: Meeting, discussions: dict[int, str], office: User) -> None:
    for number, text in discussions.items():
        record_item_discussion(
            item_id=meeting.items.get(number=number).pk, user=office, discussion=text
        )


def _voting_members() -> list[str]:
    """Return the e-mails of the SSC's voting members (not the Chair, nor observers), by seat."""
    memberships = Membership.objects.filter(seat__committee__code="SSC").select_related(
        "seat", "person"
    )
    return [m.person.email for m in memberships.order_by("seat") if m.seat.is_voting]


def _record_ssc94_attendance(meeting: Meeting, office: User) -> None:
    """Everyone's attendance at SSC 94: present, one apology, one seat represented."""
    alternate = _user(ALTERNATE_EMAIL)
    for email in ("chair@demo.example.com", *_voting_members(), "observer@demo.example.com"):
        person = _user(email)
        if email == APOLOGIES_EMAIL:
            status, by = AttendanceStatus.APOLOGIES, None
        elif email == REPRESENTED_EMAIL:
            status, by = AttendanceStatus.REPRESENTED, alternate
        else:
            status, by = AttendanceStatus.PRESENT, None
        record_attendance(
            user=office, meeting=meeting, person=person, status=status, represented_by=by
        )


def _submitted_proposal(
    title: str,
    classification: str,
    *,
    supporter: tuple[str, str, str],
    kind: str = "USE_CASE",
    registered_as: str | None = None,
) -> Submission:
    """Submit a complete DEMO proposal from the manufacturer, its support confirmed, registered.

    registered_as raises the level the secretariat registers it at above the proposer's own
    (a supporter's link stops working once a proposal is RED, so support comes first).
    """
    proposer = _user("manufacturer@demo.example.com")
    office = _user("secretariat@demo.example.com")
    name, party_name, email = supporter
    party = Organisation.objects.get(name=party_name)
    if not party.verified_supporter_addresses.filter(email__iexact=email).exists():
        workflow.verify_supporter_address(
            user=office,
            sec_party=party,
            email=email,
            note="DEMO: confirmed by phone with the party's SSC contact.",
        )
    submission = workflow.start_proposal(user=proposer, kind=kind)
    title_field = "use_case_title" if kind == "USE_CASE" else "sc_mod_title"
    workflow.save_answers(
        submission_id=submission.pk,
        user=proposer,
        section="demo",
        answers={
            title_field: title,
            "proposer_phone": "01632 960 010",
            "q1_issue": f"DEMO: the issue that '{title}' addresses.",
            "q2_why_needed": "DEMO: fictional text for the demonstration system.",
            "q3_solution": "DEMO: the proposed solution.",
            "q4_affects_existing_sc": "YES" if kind == "SC_MODIFICATION" else "NO",
            "q4_explanation": "DEMO: the SC affected.",
            "q5_requires_new_sc": "NO",
            "q6_urgent": "NO",
            "proposer_classification": classification,
            "device_types": list(DeviceType.objects.filter(code__in=["ESME", "GSME"])),
        },
    )
    workflow.add_supporter(
        submission_id=submission.pk,
        user=proposer,
        name=name,
        sec_party=party,
        phone="01632 960 030",
        email=email,
    )
    workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    for row in submission.supporters.all():
        workflow.respond_to_support_request(token=support_token(row), confirm=True)
    workflow.register_proposal(
        submission_id=submission.pk, user=office, classification=registered_as or classification
    )
    # The services change a locked copy; callers pass the proposal on to more services.
    submission.refresh_from_db()
    return submission


def _vote(ballot, votes) -> None:
    for email, choice in votes:
        cast_vote(ballot_id=ballot.pk, user=_user(email), choice=choice)


def _decide_amber_item(meeting: Meeting, submission: Submission, office, chair) -> None:
    """Progress the AMBER proposal by a vote; the E.ON member declares and is excluded."""
    paper = schedule_on_meeting(submission_id=submission.pk, user=office, meeting=meeting)
    issue_paper(paper_id=paper.pk, user=office, confirm_late=True)
    ballot = open_ballot(
        user=chair,
        committee=meeting.committee,
        question="Progress the Use Case to assessment?",
        outcome_if_passed=Outcome.PROGRESS,
        agenda_item=paper.agenda_item,
    )
    declaration = declare_interest(
        ballot_id=ballot.pk,
        user=_user("member@demo.example.com"),
        has_interest=True,
        nature="E.ON, my employer, supports this proposal.",
    )
    rule_on_interest(declaration_id=declaration.pk, user=chair, exclude=True)
    _vote(ballot, AMBER_VOTES)
    close_ballot(ballot_id=ballot.pk, user=chair, reasons=AMBER_REASONS)


def _decide_red_item(meeting: Meeting, submission: Submission, office, chair) -> None:
    """Take the RED proposal in closed session: named invitees, paper issued, a vote."""
    paper = schedule_on_meeting(submission_id=submission.pk, user=office, meeting=meeting)
    set_invitees(
        user=office,
        item_id=paper.agenda_item_id,
        people=User.objects.filter(email__in=RED_INVITEES).values_list("pk", flat=True),
    )
    issue_paper(paper_id=paper.pk, user=office, confirm_late=True)
    ballot = open_ballot(
        user=chair,
        committee=meeting.committee,
        question="Progress the proposal to assessment, with the NCSC's advice sought first?",
        outcome_if_passed=Outcome.PROGRESS,
        agenda_item=paper.agenda_item,
    )
    _vote(ballot, RED_VOTES)
    close_ballot(ballot_id=ballot.pk, user=chair)


def _decide_tie(meeting: Meeting, office, chair) -> None:
    """A tied vote on an item with no proposal, which the Chair settles after seeing the tally."""
    item = add_business_item(
        user=office, meeting=meeting, title=TIE_ITEM_TITLE, classification=Classification.AMBER
    )
    ballot = open_ballot(
        user=chair,
        committee=meeting.committee,
        question="Ask SECAS to commission annual sample audits of triage facilities?",
        outcome_if_passed=Outcome.NOTED,
        agenda_item=item,
    )
    _vote(ballot, TIE_VOTES)
    try:
        close_ballot(ballot_id=ballot.pk, user=chair)
    except CastingVoteNeeded:
        close_ballot(ballot_id=ballot.pk, user=chair, casting_vote=Choice.FOR)


def _agree_ssc93_minutes(earlier: Meeting, held: Meeting, office, chair) -> None:
    """Agree SSC 93's minutes by consensus at SSC 94, approve them, and close one action."""
    item = AgendaItem.objects.get(meeting=held, number=1)
    record_consensus_decision(
        user=chair,
        committee=held.committee,
        meeting=held,
        outcome=Outcome.NOTED,
        resolution=f"The SSC AGREED the minutes of SSC {earlier.number} as a true record.",
        agenda_item=item,
    )
    approve_minutes(minutes_id=earlier.minutes.pk, user=office, at_meeting=held)
    first = earlier.actions.order_by("reference").first()
    set_action_status(action_id=first.pk, user=office, status=ActionStatus.CLOSED)


def _open_correspondence_vote(committee: Committee, office) -> None:
    """Open a vote by correspondence on a proposal in initial consideration; some votes in."""
    submission = _submitted_proposal(
        CORRESPONDENCE_TITLE,
        Classification.AMBER,
        supporter=(
            "Robin Supporter",
            "Octopus Energy Limited",
            "robin.supporter@example.com",
        ),
    )
    workflow.schedule_proposal(submission_id=submission.pk, user=office)
    submission.refresh_from_db()  # the services moved it on: open the vote on it as it is now
    closes = _working_days_after(timezone.localdate(), 3)
    ballot = open_ballot(
        user=office,
        committee=committee,
        question="Progress the Use Case to assessment now, without waiting for SSC 95?",
        outcome_if_passed=Outcome.PROGRESS,
        method=BallotMethod.CORRESPONDENCE,
        submission=submission,
        closes_at=timezone.make_aware(datetime.datetime.combine(closes, datetime.time(17, 0))),
    )
    _vote(ballot, CORRESPONDENCE_VOTES)
