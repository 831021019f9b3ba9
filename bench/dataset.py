"""Build the benchmark's dataset: ten years of SSC and TABASC business (or 100 times the proposals).

The base is built through the real services: `seed_demo` (users for every role, the SSC and
TABASC with seats and members, meetings, the E.ON proposal and the seed paper), fifteen voting
seats on each committee, then a batch of proposals taken through the process, scheduled, issued,
voted on and decided, all by services. The bulk of the rows is then inserted in batches that copy
what those services write, field for field, including the ActivityLog rows with a valid hash
chain (`verify_audit` passes). Answers are as long as real ones (several thousand characters for
questions 1 and 3) and drawn from real words (`bench/text.py`); meetings, votes and decisions are
shared between the committees (two SSC meetings to one TABASC); the log is filled with the
everyday mix of entries, sign-ins a fifth of them.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    AgendaItem,
    Ballot,
    Committee,
    Decision,
    Meeting,
    Membership,
    Paper,
    Vote,
)
from bench.text import prose, sentence
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import Organisation, User
from triage_portal.audit.chain import seal
from triage_portal.audit.models import ActivityLog, ChainHead
from usecases.enums import SubmissionState
from usecases.models import DeviceType, Submission, SupportingParty

SEED = 20261124
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    meetings: int
    submissions: int
    papers: int
    votes: int
    activity: int
    by_services: int


SCALES = {
    "small": Scale(
        meetings=20, submissions=200, papers=400, votes=4_000, activity=20_000, by_services=6
    ),
    "default": Scale(
        meetings=500,
        submissions=5_000,
        papers=10_000,
        votes=100_000,
        activity=500_000,
        by_services=12,
    ),
    "100x": Scale(
        meetings=500,
        submissions=500_000,
        papers=10_000,
        votes=100_000,
        activity=2_500_000,
        by_services=12,
    ),
}

OPEN_STATES = [
    SubmissionState.SUBMITTED,
    SubmissionState.REGISTERED,
    SubmissionState.INITIAL_CONSIDERATION,
    SubmissionState.CLARIFICATION_REQUESTED,
    SubmissionState.UNDER_ASSESSMENT,
    SubmissionState.AWAITING_EXTERNAL_VIEWS,
    SubmissionState.DECISION_PENDING,
    SubmissionState.ON_HOLD,
]
CLOSED_STATES = [
    SubmissionState.PUBLISHED,
    SubmissionState.REJECTED,
    SubmissionState.WITHDRAWN,
    SubmissionState.APPROVED,
]
VOTING_SEATS = 15
# The log's everyday entries besides those of the proposals, papers and votes, by weight.
EVERYDAY = (
    ("usecases.proposal.draft_saved", 35),
    ("usecases.attachment.added", 10),
    ("assessments.paper.edited", 10),
    ("assessments.paper.drafted", 5),
    ("assessments.minutes.drafted", 5),
    ("accounts.user.signed_in", 20),
    ("accounts.user.signed_out", 10),
    ("accounts.two_factor.failed", 5),
)


class ChainWriter:
    """Append ActivityLog rows in bulk with the same hash chain ActivityLog.save() builds."""

    def __init__(self):
        head, _ = ChainHead.objects.get_or_create(pk=1)
        self.head = head
        self.last = head.last_hash
        self.pending: list[ActivityLog] = []
        self.written = 0

    def add(self, *, action, content_type=None, object_id="", actor_id=None, data=None, at):
        entry = ActivityLog(
            content_type=content_type,
            object_id=str(object_id),
            action=action,
            actor_id=actor_id,
            data=data or {},
            timestamp=at,
            previous_hash=self.last,
        )
        seal(entry)
        self.last = entry.entry_hash
        self.pending.append(entry)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self):
        if self.pending:
            ActivityLog.objects.bulk_create(self.pending, batch_size=BATCH)
            self.written += len(self.pending)
            self.pending = []
        ChainHead.objects.filter(pk=1).update(last_hash=self.last)


def build(scale_name: str, log=print) -> dict:
    """Build the dataset for this scale in an empty database; return what was made."""
    scale = SCALES[scale_name]
    rng = random.Random(SEED)
    call_command("seed_demo", "--quiet")
    _fill_committee("SSC", VOTING_SEATS, "OTHER_USER")
    _fill_committee("TABASC", VOTING_SEATS, "MEMBER")
    counts = {"by_services": _through_services(scale.by_services, log)}
    with transaction.atomic():
        counts |= _bulk(scale, rng, log)
    return counts


def _through_services(n: int, log) -> int:
    """Proposals taken through the process by the real services, as people would."""
    from assessments.services.ballots import cast_vote, declare_interest, open_ballot
    from assessments.services.decisions import close_ballot
    from assessments.services.papers import issue_paper, schedule_on_meeting
    from usecases import workflow

    office = User.objects.get(email="secretariat@demo.example.com")
    proposer = User.objects.get(email="proposer@demo.example.com")
    chair = User.objects.get(email="chair@demo.example.com")
    party = Organisation.objects.filter(is_sec_party=True).order_by("pk").first()
    device = DeviceType.objects.order_by("pk").first()
    meeting = Meeting.objects.filter(committee__code="SSC", status="PLANNED").order_by("date")[0]
    # Votes in a meeting are cast on or after its date: the bench's proposals go to a meeting
    # held today (the demo's next SSC meeting, brought forward).
    Meeting.objects.filter(pk=meeting.pk).update(date=timezone.localdate())
    meeting.refresh_from_db()
    from assessments.services.meetings import record_attendance

    for membership in _voting_memberships(meeting.committee):
        record_attendance(user=office, meeting=meeting, person=membership.person, status="PRESENT")
    record_attendance(user=office, meeting=meeting, person=chair, status="PRESENT")
    made = 0
    for i in range(n):
        submission = workflow.start_proposal(user=proposer, kind="USE_CASE")
        workflow.save_answers(
            submission_id=submission.pk,
            user=proposer,
            section="bench",
            answers={
                "use_case_title": f"Bench use case {i}",
                "sc_mod_title": "",
                "proposer_name": "Alex Proposer",
                "proposer_organisation_name": proposer.organisation.name,
                "proposer_phone": "01632 960 000",
                "proposer_email": proposer.email,
                "q1_issue": "Triaged meters cannot be reused outside their DNO area.",
                "q2_why_needed": "Doing nothing wastes serviceable meters.",
                "q3_solution": "Deploy vanilla DNO certificates during triage.",
                "q4_affects_existing_sc": "TBD",
                "q4_explanation": "To be determined with NCSC.",
                "q5_requires_new_sc": "NO",
                "q5_explanation": "No new SC is needed.",
                "q6_urgent": "NO",
                "proposer_classification": "AMBER",
                "device_types": [device],
            },
        )
        workflow.add_supporter(
            submission_id=submission.pk,
            user=proposer,
            name="Sam Supporter",
            sec_party=party,
            phone="01632 960 100",
            email="supporter@demo.example.com",
        )
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
        Submission.objects.get(pk=submission.pk).supporters.update(
            status="CONFIRMED", verification="ADDRESS"
        )
        workflow.register_proposal(submission_id=submission.pk, user=office, classification="AMBER")
        paper = schedule_on_meeting(submission_id=submission.pk, user=office, meeting=meeting)
        issue_paper(paper_id=paper.pk, user=office, confirm_late=True)
        if i % 3 == 0:
            ballot = open_ballot(
                user=office,
                committee=meeting.committee,
                question=f"Does the SSC agree to progress bench use case {i}?",
                outcome_if_passed="PROGRESS",
                agenda_item=paper.agenda_item,
            )
            for membership in _voting_memberships(meeting.committee)[:6]:
                if ballot.conflicts.filter(person=membership.person, declared_at__isnull=True):
                    declare_interest(
                        ballot_id=ballot.pk, user=membership.person, has_interest=False, nature=""
                    )
                cast_vote(ballot_id=ballot.pk, user=membership.person, choice="FOR")
            close_ballot(ballot_id=ballot.pk, user=chair)
        made += 1
    log(f"  {made} proposals through the services")
    return made


def _fill_committee(code: str, voting_seats: int, category: str) -> None:
    """Give a committee as many voting members as the SSC has, each vetted and in term."""
    from assessments.models import Seat

    committee = Committee.objects.get(code=code)
    today = timezone.localdate()
    prefix = "" if code == "SSC" else f"{code.lower()}-"
    for n in range(len(_voting_memberships(committee)), voting_seats):
        person = User.objects.create_user(
            email=f"bench-{prefix}member{n}@bench.example.com",
            full_name=f"Bench {code} Member {n}",
            role=Role.SSC_MEMBER,
            email_confirmed_at=timezone.now(),
        )
        seat = Seat.objects.create(committee=committee, category=category, number=100 + n)
        Membership.objects.create(
            seat=seat,
            person=person,
            term_start=today - datetime.timedelta(days=365),
            term_end=today + datetime.timedelta(days=365),
            vetting_status="VETTED",
            vetting_expires_on=today + datetime.timedelta(days=365),
        )


def _voting_memberships(committee: Committee) -> list[Membership]:
    return list(
        Membership.objects.current()
        .filter(seat__committee=committee)
        .exclude(seat__category__in=["CHAIR", "OBSERVER_NCSC", "OBSERVER_DCC", "OBSERVER_OFGEM"])
        .select_related("seat__committee", "person")
        .order_by("seat__pk")
    )


def _people(rng: random.Random, n_orgs: int = 60, per_org: int = 4) -> list[User]:
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench organisation {i:03d}",
            is_sec_party=i % 2 == 0,
            party_category="SMALL_SUPPLIER" if i % 2 == 0 else "NOT_A_PARTY",
            org_type="SUPPLIER" if i % 2 == 0 else "MANUFACTURER",
        )
        for i in range(n_orgs)
    )
    users = [
        User(
            email=f"bench{o}.{k}@bench.example.com",
            full_name=f"Bench Proposer {o}-{k}",
            role=Role.PROPOSER,
            organisation=org,
            organisation_verified=True,
            email_confirmed_at=timezone.now(),
            password="!",  # noqa: S106 -- an unusable password: these people never sign in
        )
        for o, org in enumerate(orgs)
        for k in range(per_org)
    ]
    return User.objects.bulk_create(users, batch_size=BATCH)


def _bulk(scale: Scale, rng: random.Random, log) -> dict:
    chain = ChainWriter()
    ct = {m: ContentType.objects.get_for_model(m) for m in (Submission, Paper, Ballot, Decision)}
    office = User.objects.get(email="secretariat@demo.example.com")
    chair = User.objects.get(email="chair@demo.example.com")
    ssc = Committee.objects.get(code="SSC")
    tabasc = Committee.objects.get(code="TABASC")
    people = _people(rng)
    parties = list(Organisation.objects.filter(is_sec_party=True))
    start = timezone.now() - datetime.timedelta(days=3650)

    # Proposals, with a supporter each, and the log rows the services write for them.
    submissions, supporters = [], []
    remaining = scale.submissions - Submission.objects.count()
    for i in range(max(0, remaining)):
        author = rng.choice(people)
        at = start + datetime.timedelta(minutes=i * (5_256_000 // max(1, remaining)))
        state = rng.choice(OPEN_STATES) if rng.random() < 0.3 else rng.choice(CLOSED_STATES)
        submissions.append(
            Submission(
                kind="USE_CASE" if i % 3 else "SC_MODIFICATION",
                created_by=author,
                organisation_id=author.organisation_id,
                state=state,
                reference=f"{'UCR' if i % 3 else 'SCMR'}-{at.year}-{i + 1000:06d}",
                classification=rng.choice(["WHITE", "GREEN", "AMBER", "AMBER", "RED"]),
                use_case_title=f"Bench proposal {i}: {sentence(rng, 4, 9)}"[:200],
                proposer_name=author.full_name,
                proposer_organisation_name=f"Bench organisation {i % 60:03d}",
                proposer_email=author.email,
                proposer_phone="01632 960 000",
                # One in a hundred mentions Zigbee: what the queue's search benchmark looks for.
                q1_issue=prose(rng, rng.randint(2_500, 6_000))
                + (" Zigbee pairing fails after a firmware update." if i % 100 == 7 else ""),
                q2_why_needed=prose(rng, rng.randint(1_000, 3_000)),
                q3_solution=prose(rng, rng.randint(2_500, 6_000)),
                q4_affects_existing_sc="TBD",
                q4_explanation=prose(rng, rng.randint(300, 1_500)),
                q5_requires_new_sc="NO",
                q5_explanation=prose(rng, rng.randint(300, 1_500)),
                q6_urgent="YES" if rng.random() < 0.1 else "NO",
                submitted_at=at,
                registered_at=at + datetime.timedelta(days=3),
                state_changed_at=at + datetime.timedelta(days=rng.randint(3, 90)),
            )
        )
    submissions = Submission.objects.bulk_create(submissions, batch_size=BATCH)
    for submission in submissions:
        supporters.append(
            SupportingParty(
                submission=submission,
                name="Bench Supporter",
                sec_party=rng.choice(parties),
                email="supporter@bench.example.com",
                status="CONFIRMED",
                verification="ADDRESS",
            )
        )
        for step, action in enumerate(
            (
                "usecases.proposal.started",
                "usecases.proposal.answers_saved",
                "usecases.supporter.added",
                "usecases.proposal.submitted",
                "usecases.proposal.registered",
            )
        ):
            chain.add(
                action=action,
                content_type=ct[Submission],
                object_id=submission.pk,
                actor_id=submission.created_by_id if step < 4 else office.pk,
                data={"state": submission.state} if step >= 3 else {},
                at=submission.submitted_at + datetime.timedelta(minutes=step),
            )
    SupportingParty.objects.bulk_create(supporters, batch_size=BATCH)
    log(f"  {len(submissions)} proposals in bulk")

    # Meetings over ten years, each with business items that carry papers, votes and decisions.
    voters = {c.pk: _voting_memberships(c) for c in (ssc, tabasc)}
    existing = Meeting.objects.count()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            committee=tabasc if n % 3 == 2 else ssc,
            number=1000 + n,
            date=(start + datetime.timedelta(days=n * 3650 // scale.meetings)).date(),
            status="HELD",
            location="Online",
        )
        for n in range(max(0, scale.meetings - existing))
    )
    per_meeting = max(1, scale.papers // max(1, len(meetings)))
    votes_per_ballot = VOTING_SEATS
    n_ballots_wanted = scale.votes // max(1, votes_per_ballot)
    pool = list(Submission.objects.exclude(state="DRAFT").values_list("pk", flat=True))
    items = []
    for meeting in meetings:
        for k in range(per_meeting):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    number=k + 4,
                    title=f"Item {k + 4}",
                    classification="AMBER",
                    submission_id=rng.choice(pool),
                )
            )
    items = AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    papers = Paper.objects.bulk_create(
        (
            Paper(
                agenda_item=item,
                reference=f"{item.meeting.committee.code}_{item.meeting.number}"
                f"_{item.meeting.date:%d%m}_{item.number:02d}",
                title=item.title,
                author_name="SECAS",
                author_role="Secretariat",
                classification="AMBER",
                purpose=prose(rng, rng.randint(400, 1_200)),
                issued_at=timezone.make_aware(
                    datetime.datetime.combine(item.meeting.date, datetime.time(9))
                )
                - datetime.timedelta(days=7),
            )
            for item in items
        ),
        batch_size=BATCH,
    )
    for paper in papers:
        chain.add(
            action="assessments.paper.issued",
            content_type=ct[Paper],
            object_id=paper.pk,
            actor_id=office.pk,
            data={"reference": paper.reference},
            at=paper.issued_at,
        )
    log(f"  {len(meetings)} meetings, {len(papers)} papers in bulk")

    # One vote per business item; votes by correspondence (no agenda item) make up the rest.
    ballot_items = [items[i % len(items)] for i in range(n_ballots_wanted)]
    ballots = Ballot.objects.bulk_create(
        (
            Ballot(
                committee=item.meeting.committee,
                agenda_item=item if i < len(items) else None,
                submission_id=item.submission_id,
                question=f"Does the {item.meeting.committee.code} agree to progress item {item.number}?",
                outcome_if_passed="PROGRESS",
                method="MEETING" if i < len(items) else "CORRESPONDENCE",
                created_by=office,
                status="CLOSED",
            )
            for i, item in enumerate(ballot_items)
        ),
        batch_size=BATCH,
    )
    votes, decisions = [], []
    for b, (ballot, item) in enumerate(zip(ballots, ballot_items, strict=True)):
        at = timezone.make_aware(datetime.datetime.combine(item.meeting.date, datetime.time(11)))
        tally = {"FOR": 0, "AGAINST": 0, "ABSTAIN": 0}
        for membership in voters[ballot.committee_id]:
            choice = rng.choices(["FOR", "AGAINST", "ABSTAIN"], weights=[7, 2, 1])[0]
            tally[choice] += 1
            votes.append(
                Vote(
                    ballot=ballot,
                    seat=membership.seat,
                    membership=membership,
                    cast_by=membership.person,
                    choice=choice,
                )
            )
        passed = tally["FOR"] > tally["AGAINST"]
        snapshot = {
            "for_count": tally["FOR"],
            "against_count": tally["AGAINST"],
            "abstain_count": tally["ABSTAIN"],
            "quorate": True,
            "casting_vote_used": False,
            "recused_ids": [],
        }
        decisions.append(
            Decision(
                committee=ballot.committee,
                ballot=ballot,
                submission_id=ballot.submission_id,
                reference=f"{ballot.committee.code}{item.meeting.number}/D{b % 99 + 1:02d}-{b}",
                method=ballot.method,
                outcome="PROGRESS",
                passed=passed,
                resolution=f"The {ballot.committee.code} {'AGREED' if passed else 'DID NOT AGREE'}: {ballot.question}",
                snapshot=snapshot,
                recorded_by=chair,
                decided_at=at,
            )
        )
        for vote in votes[-len(voters[ballot.committee_id]) :]:
            chain.add(
                action="assessments.vote.cast",
                content_type=ct[Ballot],
                object_id=ballot.pk,
                actor_id=vote.cast_by_id,
                data={"seat": str(vote.seat), "choice": vote.choice, "reason": ""},
                at=at,
            )
        chain.add(
            action="assessments.ballot.closed",
            content_type=ct[Ballot],
            object_id=ballot.pk,
            actor_id=chair.pk,
            data={
                "decision": decisions[-1].reference,
                "passed": passed,
                "snapshot": snapshot,
                "outcome": decisions[-1].outcome,
                "resolution": decisions[-1].resolution,
            },
            at=at,
        )
        if len(votes) >= BATCH:
            Vote.objects.bulk_create(votes, batch_size=BATCH)
            votes = []
    Vote.objects.bulk_create(votes, batch_size=BATCH)
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    log(f"  {len(ballots)} ballots closed, {Vote.objects.count()} votes cast, in bulk")

    chain.flush()
    _everyday(chain, scale, rng, start, submissions, papers, ct)
    log(f"  {ActivityLog.objects.count()} activity-log rows")
    return {
        "meetings": Meeting.objects.count(),
        "submissions": Submission.objects.count(),
        "papers": Paper.objects.count(),
        "votes": Vote.objects.count(),
        "activity_log": ActivityLog.objects.count(),
    }


def _everyday(chain, scale, rng, start, submissions, papers, ct) -> None:
    """Fill the log to its size with the everyday mix (EVERYDAY), sign-ins a fifth of it."""
    signers = [u.pk for u in User.objects.filter(role__in=[Role.SSC_MEMBER, Role.SECRETARIAT])]
    actions, weights = zip(*EVERYDAY, strict=True)
    missing = scale.activity - ActivityLog.objects.count()
    for n, action in enumerate(rng.choices(actions, weights=weights, k=max(0, missing))):
        at = start + datetime.timedelta(seconds=n * 60)
        if action.startswith("accounts."):
            who = signers[n % len(signers)]
            chain.add(action=action, actor_id=who, data={"user": who, "ip": "127.0.0.1"}, at=at)
        elif action.startswith("usecases."):
            submission = rng.choice(submissions)
            chain.add(
                action=action,
                content_type=ct[Submission],
                object_id=submission.pk,
                actor_id=submission.created_by_id,
                data={"section": "answers"},
                at=at,
            )
        else:
            paper = rng.choice(papers)
            chain.add(
                action=action,
                content_type=ct[Paper],
                object_id=paper.pk,
                data={"reference": paper.reference},
                at=at,
            )
    chain.flush()
