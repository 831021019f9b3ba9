"""Committees, seats, members, meetings and the seed paper TABASC_45_1508_14, for demos."""

import datetime

from django.utils import timezone

from assessments.demo_business import load_committee_business
from assessments.enums import (
    AnnexKind,
    ItemKind,
    MeetingStatus,
    PaperAction,
    SeatCategory,
    Session,
    VettingStatus,
)
from assessments.first_run import DEFAULT_COMMITTEES, load_secretariat_group, setup_committees
from assessments.models import (
    AgendaItem,
    Annex,
    Committee,
    Meeting,
    Membership,
    Paper,
    Recommendation,
    Seat,
)
from assessments.services.meetings import create_meeting
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import Organisation, User
from triage_portal.classification import Classification
from triage_portal.workdays import add_working_days, subtract_working_days
from usecases.demo.eon import EON_USE_CASE_TITLE
from usecases.demo.load import DEMO_PASSWORD
from usecases.models import Submission
from usecases.selectors.proposals import bank_holidays

# (seat category, number, e-mail, name, organisation); the first ones are the demo logins.
SSC_MEMBERS = (
    (SeatCategory.CHAIR, 1, "chair@demo.example.com", "Casey Chair", None),
    (
        SeatCategory.LARGE_SUPPLIER,
        1,
        "member@demo.example.com",
        "Jordan Member",
        "E.ON Energy Solutions Limited",
    ),
    (
        SeatCategory.LARGE_SUPPLIER,
        2,
        "member2@demo.example.com",
        "Riley Member",
        "British Gas Trading Limited",
    ),
    (
        SeatCategory.LARGE_SUPPLIER,
        3,
        "ls3@demo.example.com",
        "Avery Large",
        "EDF Energy Customers Limited",
    ),
    (
        SeatCategory.LARGE_SUPPLIER,
        4,
        "ls4@demo.example.com",
        "Blake Large",
        "Octopus Energy Limited",
    ),
    (
        SeatCategory.LARGE_SUPPLIER,
        5,
        "ls5@demo.example.com",
        "Cameron Large",
        "OVO Electricity Limited",
    ),
    (
        SeatCategory.LARGE_SUPPLIER,
        6,
        "ls6@demo.example.com",
        "Devon Large",
        "ScottishPower Energy Retail Limited",
    ),
    (
        SeatCategory.SMALL_SUPPLIER,
        1,
        "ss1@demo.example.com",
        "Emery Small",
        "Utilita Energy Limited",
    ),
    (
        SeatCategory.ELECTRICITY_NETWORK,
        1,
        "en1@demo.example.com",
        "Finley Network",
        "UK Power Networks",
    ),
    (SeatCategory.GAS_NETWORK, 1, "gn1@demo.example.com", "Harper Gas", "Cadent Gas Limited"),
    (
        SeatCategory.OBSERVER_NCSC,
        1,
        "observer@demo.example.com",
        "Taylor Observer",
        "National Cyber Security Centre",
    ),
)
TABASC_MEMBERS = (
    (SeatCategory.CHAIR, 1, "tabasc-chair@demo.example.com", "Quinn Architect", "Smart DCC Ltd"),
    (SeatCategory.MEMBER, 1, "tabasc@demo.example.com", "Rowan Tabasc", "SP Energy Networks"),
)

SEED_PURPOSE = (
    "E.ON have submitted a use case for Device Refurbishment in line with the methodology approved by SSC – see "
    "Annex 1.  The purpose is to obtain SSC agreement to confirm that the business need is clearly articulated "
    "and that there is no unacceptable compromise of security controls or SEC obligations to prevent the use "
    "case from being progressed to the next stage of consideration."
)
SEED_BACKGROUND = (
    "The SSC has approved a methodology for assessing and approving (or rejecting) use cases for Device "
    "refurbishment. Any party may provide a use case for Device refurbishment using the process described in "
    "the SEC website here. The process is set out in the diagram below."
)
SEED_RECOMMENDATIONS = (
    ("NOTE", "the use case for the Deployment of Vanilla DNO Certificates (see Annex 1);"),
    ("CONFIRM", "whether any clarifications are needed to the proposal; and"),
    (
        "AGREE",
        "whether there are any Technical or Business Architectural concerns to be raised to the SSC.",
    ),
)


def load_committees() -> None:
    """Create the committees and seats a first run creates (assessments.first_run)."""
    setup_committees(DEFAULT_COMMITTEES)


def _member(committee: Committee, category, number, email, name, organisation) -> None:
    role = (
        Role.SSC_CHAIR
        if (committee.code == "SSC" and category == SeatCategory.CHAIR)
        else (Role.OBSERVER if category.startswith("OBSERVER") else Role.SSC_MEMBER)
    )
    org = Organisation.objects.filter(name=organisation).first() if organisation else None
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": name,
            "role": role,
            "organisation": org,
            "organisation_verified": org is not None,
            "email_confirmed_at": timezone.now(),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    seat = Seat.objects.get(committee=committee, category=category, number=number)
    Membership.objects.get_or_create(
        seat=seat,
        person=user,
        defaults={
            "term_start": datetime.date(2025, 4, 1),
            "term_end": datetime.date(2027, 3, 31),
            "vetting_status": VettingStatus.VETTED,
            "vetting_expires_on": datetime.date(2028, 3, 31),
        },
    )


def load_memberships() -> None:
    ssc = Committee.objects.get(code="SSC")
    for row in SSC_MEMBERS:
        _member(ssc, *row)
    tabasc = Committee.objects.get(code="TABASC")
    for row in TABASC_MEMBERS:
        _member(tabasc, *row)


def _demo_meeting_date(start: datetime.date, working_days: int) -> datetime.date:
    """Return the working day that many working days after (or, negative, before) start."""
    holidays = bank_holidays()
    if working_days < 0:
        return subtract_working_days(start, -working_days, holidays)
    return add_working_days(start, working_days, holidays)


def load_meetings() -> None:
    """Create SSC 93 and 94 (held) and SSC 95 and 96 (planned), each on a working day.

    SSC 94 was held twelve working days ago and SSC 93 twenty working days before it; SSC 95
    is ten working days ahead and SSC 96 twenty after it. A meeting that exists keeps its date.
    """
    ssc = Committee.objects.get(code="SSC")
    office = User.objects.get(email="secretariat@demo.example.com")
    today = timezone.localdate()
    dates = dict(Meeting.objects.filter(committee=ssc).values_list("number", "date"))
    held = dates.get(94) or _demo_meeting_date(today, -12)
    planned = dates.get(95) or _demo_meeting_date(today, 10)
    for number, date, status in (
        (93, _demo_meeting_date(held, -20), MeetingStatus.HELD),
        (94, held, MeetingStatus.HELD),
        (95, planned, MeetingStatus.PLANNED),
        (96, _demo_meeting_date(planned, 20), MeetingStatus.PLANNED),
    ):
        if Meeting.objects.filter(committee=ssc, number=number).exists():
            continue
        meeting = create_meeting(
            user=office, committee=ssc, number=number, date=date, location="Online (DEMO)"
        )
        if status != meeting.status:
            # No service marks a meeting held: the secretariat does so in the admin.
            meeting.status = status
            meeting.save(update_fields=["status"])


def load_seed_paper() -> Paper:
    """Create TABASC meeting 45 (15 August 2019), item 14, and paper TABASC_45_1508_14 as issued."""
    existing = Paper.objects.filter(reference="TABASC_45_1508_14").first()
    if existing:
        return existing
    tabasc = Committee.objects.get(code="TABASC")
    meeting, _ = Meeting.objects.get_or_create(
        committee=tabasc,
        number=45,
        defaults={"date": datetime.date(2019, 8, 15), "status": MeetingStatus.HELD},
    )
    for number, kind, title in (
        (1, ItemKind.MINUTES, "Minutes and actions"),
        (2, ItemKind.DECLARATIONS, "Declarations of interest"),
        (15, ItemKind.AOB, "Any other business"),
    ):
        AgendaItem.objects.get_or_create(
            meeting=meeting,
            number=number,
            defaults={"kind": kind, "title": title, "classification": Classification.WHITE},
        )
    submission = Submission.objects.get(use_case_title=EON_USE_CASE_TITLE)
    item, _ = AgendaItem.objects.get_or_create(
        meeting=meeting,
        number=14,
        defaults={
            "kind": ItemKind.BUSINESS,
            "title": "Use Case for Device Refurbishment",
            "session": Session.OPEN,
            "submission": submission,
            "classification": Classification.WHITE,
        },
    )
    paper = Paper.objects.create(
        agenda_item=item,
        reference="TABASC_45_1508_14",
        title="Use Case for Device Refurbishment",
        paper_date=datetime.date(2019, 8, 7),
        author_name="Gordon Hextall",
        author_role="SSC Chair",
        action=PaperAction.FOR_DECISION,
        purpose=SEED_PURPOSE,
        background=SEED_BACKGROUND,
        recommendation_lead="The SSC is now requested to:",
        classification=Classification.WHITE,
        issued_at=timezone.make_aware(datetime.datetime(2019, 8, 7, 9, 0)),
    )
    for position, (verb, text) in enumerate(SEED_RECOMMENDATIONS, start=1):
        Recommendation.objects.create(paper=paper, position=position, verb=verb, text=text)
    Annex.objects.create(
        paper=paper,
        position=1,
        kind=AnnexKind.PROPOSAL_FORM,
        title=EON_USE_CASE_TITLE,
        classification=Classification.WHITE,
    )
    paper.log_action("assessments.paper.issued", data={"reference": paper.reference, "seed": True})
    return paper


def load_committee_demo() -> None:
    load_secretariat_group()
    load_committees()
    load_memberships()
    load_meetings()
    load_seed_paper()
    load_committee_business()
