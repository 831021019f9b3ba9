"""Every URL, requested as every role, over objects at every classification: nothing leaks.

URLs are discovered from the URLconf, so a new view cannot escape. Each proposal, paper, vote
and decision carries a marker naming its kind and level, and the meeting's draft minutes record
the decisions; a role may only ever receive the markers its entitlement allows (in HTML, CSV or
the text of a PDF), and no request may fail with a 500.

RED business is for the secretariat and for people named on the item's invitation who hold a
current, vetted seat (domain.md §5): the roles include a member named on every RED item, and
members who attended without being named, sent apologies, were represented, or were named but
whose vetting or term has lapsed.
"""

import datetime
import io
import re
from collections import Counter, defaultdict

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from pypdf import PdfReader

from assessments.enums import AttendanceStatus, SeatCategory
from assessments.models import Paper
from assessments.services.ballots import open_ballot
from assessments.services.decisions import close_ballot
from assessments.services.invitations import set_invitees
from assessments.services.meetings import add_business_item, create_meeting, record_attendance
from assessments.services.minutes import draft_minutes
from assessments.services.papers import issue_paper
from tests.factories.committee import committee, seat_member
from tests.factories.people import OrganisationFactory, UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from usecases import workflow

pytestmark = pytest.mark.django_db

LEVELS = ("WHITE", "GREEN", "AMBER", "RED")
ALL = set(LEVELS)
UP_TO_AMBER = {"WHITE", "GREEN", "AMBER"}
COMMUNITY = {"WHITE", "GREEN"}
NOTHING: set[str] = set()
# role: (proposal levels, paper levels, vote levels, decision levels) the role may read.
ENTITLED = {
    "anonymous": (NOTHING, {"WHITE"}, NOTHING, NOTHING),
    "proposer_a": (ALL, UP_TO_AMBER, NOTHING, NOTHING),
    "proposer_b": (COMMUNITY, COMMUNITY, NOTHING, NOTHING),
    "supporter": (UP_TO_AMBER, UP_TO_AMBER, NOTHING, NOTHING),
    "member": (UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER),
    "lapsed_member": (COMMUNITY, COMMUNITY, NOTHING, NOTHING),
    "chair": (UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER),
    "secretariat": (ALL, ALL, ALL, ALL),
    "observer": (UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER),
    "tabasc_member": (COMMUNITY, COMMUNITY, NOTHING, NOTHING),
    # Named on every RED item with a current, vetted seat: its proposal, paper, votes and
    # decisions (domain.md §5: RED is for the invited attendees of that item).
    "invited_member": (ALL, ALL, ALL, ALL),
    "invited_observer": (ALL, ALL, ALL, ALL),
    # Attendance is not an invitation.
    "present_member": (UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER),
    "apologies_member": (UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER),
    "represented_member": (UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER),
    "alternate": (UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER, UP_TO_AMBER),
    # Named, present, but no longer seated: the invitation lies idle.
    "invited_lapsed_vetting": (COMMUNITY, COMMUNITY, NOTHING, NOTHING),
    "invited_term_over": (COMMUNITY, COMMUNITY, NOTHING, NOTHING),
}
MARKER = re.compile(r"(PROP|PAPER|VOTE|DECISION)-(WHITE|GREEN|AMBER|RED)-SECRET")


@pytest.fixture
def world(secretariat):
    ssc = committee("SSC")
    today = timezone.localdate()
    chair = seat_member(ssc, SeatCategory.CHAIR).person
    member = seat_member(ssc, SeatCategory.LARGE_SUPPLIER, 1).person
    lapsed = seat_member(
        ssc,
        SeatCategory.LARGE_SUPPLIER,
        2,
        vetting_expires_on=today - datetime.timedelta(days=1),
    ).person
    observer = seat_member(ssc, SeatCategory.OBSERVER_NCSC).person
    tabasc = seat_member(committee("TABASC"), SeatCategory.MEMBER, 1).person
    invited = seat_member(ssc, SeatCategory.LARGE_SUPPLIER, 3).person
    invited_observer = seat_member(ssc, SeatCategory.OBSERVER_DCC).person
    present = seat_member(ssc, SeatCategory.LARGE_SUPPLIER, 4).person
    apologies = seat_member(ssc, SeatCategory.LARGE_SUPPLIER, 5).person
    alternate = UserFactory(role=Role.SSC_MEMBER, full_name="Alex Alternate")
    represented = seat_member(ssc, SeatCategory.LARGE_SUPPLIER, 6, alternate=alternate).person
    invited_lapsed = seat_member(
        ssc,
        SeatCategory.SMALL_SUPPLIER,
        1,
        vetting_expires_on=today - datetime.timedelta(days=1),
    ).person
    invited_term_over = seat_member(
        ssc,
        SeatCategory.SMALL_SUPPLIER,
        2,
        term_start=today - datetime.timedelta(days=400),
        term_end=today - datetime.timedelta(days=1),
    ).person
    proposer_a = UserFactory(organisation=OrganisationFactory(name="Org A"))
    proposer_b = UserFactory(organisation=OrganisationFactory(name="Org B"))
    # The factories name supporter0@example.com as the SEC Party contact; registration confirms.
    supporter = UserFactory(email="supporter0@example.com", full_name="Sam Supporter")
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate(),  # held today: its votes close on or after its date
    )
    for person in (present, lapsed, invited_lapsed, invited_term_over, invited):
        record_attendance(
            user=secretariat, meeting=meeting, person=person, status=AttendanceStatus.PRESENT
        )
    record_attendance(
        user=secretariat, meeting=meeting, person=apologies, status=AttendanceStatus.APOLOGIES
    )
    record_attendance(
        user=secretariat,
        meeting=meeting,
        person=represented,
        status=AttendanceStatus.REPRESENTED,
        represented_by=alternate,
    )
    objects = {"proposals": [], "papers": [], "ballots": [], "items": [], "meeting": meeting}
    for level in LEVELS:
        submission = proposal_in_state(
            "REGISTERED",
            proposer=proposer_a,
            secretariat=secretariat,
            q1_issue=f"PROP-{level}-SECRET",
        )
        workflow.change_classification(
            submission_id=submission.pk, user=secretariat, classification=level, reason="matrix"
        ) if level != "AMBER" else None
        item = add_business_item(
            user=secretariat,
            meeting=meeting,
            title=f"Item {level}",
            classification=level,
            submission=submission,
        )
        if level == "RED":
            # Named before the two lapsed, whose seats are not current today: the service
            # refuses to name someone unseated, so they are named as if before they lapsed.
            set_invitees(
                user=secretariat, item_id=item.pk, people=[invited.pk, invited_observer.pk]
            )
            item.invitees.add(invited_lapsed, invited_term_over, lapsed)
        paper = Paper.objects.create(
            agenda_item=item,
            title=f"Paper {level}",
            author_name="SECAS",
            author_role="Secretariat",
            classification=level,
            purpose=f"PAPER-{level}-SECRET",
        )
        issue_paper(paper_id=paper.pk, user=secretariat, confirm_late=True)
        ballot = open_ballot(
            user=secretariat,
            committee=ssc,
            question=f"VOTE-{level}-SECRET?",
            outcome_if_passed="NOTED",
            agenda_item=item,
        )
        decided = open_ballot(
            user=secretariat,
            committee=ssc,
            question=f"DECISION-{level}-SECRET?",
            outcome_if_passed="NOTED",
            agenda_item=item,
        )
        close_ballot(ballot_id=decided.pk, user=secretariat)
        objects["proposals"].append(submission.pk)
        objects["papers"].append(paper.pk)
        objects["ballots"].extend([ballot.pk, decided.pk])
        objects["items"].append(item.pk)
    draft_minutes(meeting_id=meeting.pk, user=secretariat)
    people = {
        "anonymous": None,
        "proposer_a": proposer_a,
        "proposer_b": proposer_b,
        "supporter": supporter,
        "member": member,
        "lapsed_member": lapsed,
        "chair": chair,
        "secretariat": secretariat,
        "observer": observer,
        "tabasc_member": tabasc,
        "invited_member": invited,
        "invited_observer": invited_observer,
        "present_member": present,
        "apologies_member": apologies,
        "represented_member": represented,
        "alternate": alternate,
        "invited_lapsed_vetting": invited_lapsed,
        "invited_term_over": invited_term_over,
    }
    return people, objects


def urls(objects):
    values = {
        "usecases": {
            "pk": objects["proposals"],
            "slug": ["titles"],
            "attachment_id": [999],
            "referral_id": [999],
            "token": ["bad"],
        },
        "assessments:meeting": {"pk": [objects["meeting"].pk], "item_pk": objects["items"]},
        "assessments:paper": {"pk": objects["papers"]},
        "assessments:ballot": {"pk": objects["ballots"]},
        "assessments:item": {"pk": [objects["meeting"].pk], "item_pk": objects["items"]},
        "assessments:proposal": {"submission_pk": objects["proposals"]},
        "assessments": {
            "pk": [999],
            "item_pk": objects["items"],
            "referral_pk": [999],
            "submission_pk": objects["proposals"],
        },
        "accounts": {"token": ["bad"], "uidb64": ["MQ"]},
        "api:submission": {"pk": objects["proposals"]},
        "api:paper": {"pk": objects["papers"]},
        "api:meeting": {"pk": [objects["meeting"].pk]},
        "api": {"pk": [999]},
    }

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if str(entry.pattern).startswith("admin/"):
                    continue
                yield from walk(
                    entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace
                )
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                route = prefix + drf_route(str(entry.pattern))
                if route is None or "format" in route:
                    continue
                keys = re.findall(r"<(?:\w+:)?(\w+)>", route)
                table = next(
                    (
                        values[k]
                        for k in sorted(values, key=len, reverse=True)
                        if name.startswith(k)
                    ),
                    {},
                )
                fills = [dict()]
                for key in keys:
                    fills = [
                        {**f, key: v}
                        for f in fills
                        for v in table.get(key, values.get(namespace, {}).get(key, [1]))
                    ]
                for fill in fills:
                    path = route
                    for key, value in fill.items():
                        path = re.sub(rf"<(?:\w+:)?{key}>", str(value), path)
                    yield name, "/" + path

    return sorted(set(walk(get_resolver().url_patterns, "", "")))


def drf_route(pattern: str) -> str:
    """A REST framework router's regex as a path with <name> placeholders (plain routes as they are)."""
    if not pattern.startswith("^"):
        return pattern
    route = pattern.removeprefix("^").removesuffix("$")
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)


def markers_in(response) -> set[str]:
    if response.get("Content-Type", "").startswith("application/pdf"):
        data = b"".join(response.streaming_content) if response.streaming else response.content
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        data = b"".join(response.streaming_content) if response.streaming else response.content
        text = data.decode("utf-8", errors="replace")
    return {f"{kind}-{level}" for kind, level in MARKER.findall(text)}


def test_no_role_receives_more_than_it_is_entitled_to(world, capsys):
    people, objects = world
    matrix = defaultdict(Counter)
    leaks, errors = [], []
    for role, user in people.items():
        proposals, papers, votes, decisions = ENTITLED[role]
        allowed = (
            {f"PROP-{lvl}" for lvl in proposals}
            | {f"PAPER-{lvl}" for lvl in papers}
            | {f"VOTE-{lvl}" for lvl in votes}
            | {f"DECISION-{lvl}" for lvl in decisions}
        )
        client = Client()
        if user is not None:
            client.force_login(user)
        for name, path in urls(objects):
            response = client.get(path)
            matrix[role][
                response.status_code // 100 * 100
                if response.status_code not in (404, 405)
                else response.status_code
            ] += 1
            if response.status_code >= 500:
                errors.append((role, path, response.status_code))
            if response.status_code == 200:
                extra = markers_in(response) - allowed
                if extra:
                    leaks.append((role, name, path, sorted(extra)))

    with capsys.disabled():
        print("\nAccess matrix (responses by status class, per role):")
        for role, counts in matrix.items():
            print(
                f"  {role:15} " + "  ".join(f"{code}: {counts[code]:3}" for code in sorted(counts))
            )
    assert errors == []
    assert leaks == [], "\n".join(map(str, leaks))
