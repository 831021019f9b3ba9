"""Queries per page do not grow with the data: every list and detail view at two data sizes.

The same world is built twice, once with one of everything and once with several, and each
page's query count must be the same in both (within a small allowance for pagination) and
within its budget. An N+1 anywhere fails CI; the timings themselves live in bench/.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.services.ballots import cast_vote, open_ballot
from assessments.services.decisions import close_ballot
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from usecases.models import Submission

pytestmark = pytest.mark.django_db

BUDGET = 30  # the most any page may take; most take far fewer


def build():
    office = UserFactory(role=Role.SECRETARIAT)
    proposer = UserFactory()
    ssc, chair, members = ssc_with_members(4)
    # Today: votes on a meeting's items are cast on or after its date.
    meeting = create_meeting(user=office, committee=ssc, number=95, date=timezone.localdate())
    for seat in [chair, *members]:
        record_attendance(user=office, meeting=meeting, person=seat.person, status="PRESENT")
    return {
        "office": office,
        "proposer": proposer,
        "chair": chair.person,
        "voters": [seat.person for seat in members[:3]],
        "member": members[0].person,
        "meeting": meeting,
        "count": 0,
    }


def add_items(world, n: int) -> None:
    """Take n more proposals through registration, a paper, a vote and (every other) a decision."""
    office, meeting = world["office"], world["meeting"]
    for _ in range(n):
        k = world["count"] = world["count"] + 1
        submission = proposal_in_state("REGISTERED", proposer=world["proposer"], secretariat=office)
        level = "WHITE" if k % 2 else "AMBER"
        Submission.objects.filter(pk=submission.pk).update(classification=level)
        paper = schedule_on_meeting(submission_id=submission.pk, user=office, meeting=meeting)
        issue_paper(paper_id=paper.pk, user=office, confirm_late=True)
        ballot = open_ballot(
            user=office,
            committee=meeting.committee,
            question=f"Progress item {k}?",
            outcome_if_passed="NOTED",
            agenda_item=paper.agenda_item,
        )
        for person in world["voters"]:
            cast_vote(ballot_id=ballot.pk, user=person, choice="FOR")
        if k % 2:
            close_ballot(ballot_id=ballot.pk, user=world["chair"])
        # A paper of each level: a Green or White one is shown on its own fields, an Amber one
        # after the whole policy's query, so each is compared with one of its own level.
        world |= {
            "submission": submission,
            "paper": paper,
            f"{level} paper": paper,
            "ballot": ballot,
        }


def pages(world) -> list[tuple[str, object, str]]:
    s, p, b, m = world["submission"], world["paper"], world["ballot"], world["meeting"]
    return [
        ("proposer's list", world["proposer"], "/proposals/"),
        ("proposal detail", world["proposer"], f"/proposals/{s.pk}/"),
        ("workspace", world["office"], "/proposals/workspace/"),
        ("workspace search", world["office"], "/proposals/workspace/?q=meter"),
        ("workspace CSV", world["office"], "/proposals/workspace/export.csv"),
        ("secretariat home", world["office"], "/"),
        ("member home", world["member"], "/"),
        ("meetings", world["member"], "/committees/"),
        ("meeting", world["member"], f"/committees/meetings/{m.pk}/"),
        ("next meeting", world["member"], "/committees/next/"),
        ("White paper", world["member"], f"/committees/papers/{world['WHITE paper'].pk}/"),
        ("Amber paper", world["member"], f"/committees/papers/{world['AMBER paper'].pk}/"),
        ("vote", world["member"], f"/committees/votes/{b.pk}/"),
        ("decision log", world["office"], "/committees/decisions/"),
        ("action log", world["office"], "/committees/actions/"),
        ("use case register", None, "/proposals/registers/use-cases/"),
        ("proposal register", None, "/proposals/registers/proposals/"),
        ("SC document register", None, "/proposals/registers/sc-documents/"),
        ("API proposals", world["office"], "/api/submissions/"),
        ("API proposal", world["proposer"], f"/api/submissions/{s.pk}/"),
        ("API meetings", world["member"], "/api/meetings/"),
        ("API meeting", world["member"], f"/api/meetings/{m.pk}/"),
        ("API papers", world["member"], "/api/papers/"),
        ("API paper", world["member"], f"/api/papers/{p.pk}/"),
        ("API decisions", world["office"], "/api/decisions/"),
        ("API proposal register", None, "/api/registers/proposals/"),
        ("API use case register", None, "/api/registers/use-cases/"),
    ]


def query_counts(world) -> dict[str, int]:
    counts = {}
    for name, user, path in pages(world):
        client = Client()
        if user is not None:
            client.force_login(user)
        client.get(path)  # warm per-process caches (content types, the diagram)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def test_no_page_makes_more_queries_when_there_is_more_data(django_assert_max_num_queries):
    world = build()
    add_items(world, 2)
    small = query_counts(world)
    add_items(world, 4)
    large = query_counts(world)

    grew = {name: (small[name], large[name]) for name in small if large[name] > small[name]}
    assert grew == {}, f"queries grew with the data (2 items -> 6 items): {grew}"
    over = {name: n for name, n in large.items() if n > BUDGET}
    assert over == {}, f"over the budget of {BUDGET} queries: {over}"
    # Once more with pytest-django's own guard, whose failure lists every statement.
    for name, user, path in pages(world):
        client = Client()
        if user is not None:
            client.force_login(user)
        client.get(path)
        with django_assert_max_num_queries(small[name], info=name):
            client.get(path)
    print("\nQueries per page:", ", ".join(f"{name} {n}" for name, n in large.items()))


# The proposal's page, not kept (PORTAL_PAGE_CACHE_SECONDS=0), as the secretariat: the session,
# the user, the proposal, its eight lists (a query each; the transitions' conditions read them
# from there), its audit entries, its agenda slots (with when each was added, and the next
# meeting, in the same query), decisions, bank holidays and the e-mails sent. It was 23.
PROPOSAL_DETAIL_QUERIES = 16


def test_the_proposal_page_takes_its_budget_of_queries(settings, django_assert_num_queries):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    world = build()
    add_items(world, 2)
    client = Client()
    client.force_login(world["office"])
    path = f"/proposals/{world['submission'].pk}/"
    client.get(path)  # warm per-process caches (content types, the diagram)

    with django_assert_num_queries(PROPOSAL_DETAIL_QUERIES):
        response = client.get(path)

    assert response.status_code == 200
    assert "On the agenda: SSC meeting 95" in response.text
