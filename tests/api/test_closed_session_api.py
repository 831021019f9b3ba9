"""The API follows the RED rule: a named invitation and a current, vetted seat (issue 18)."""

import pytest

from tests.api.test_api import api
from tests.factories.closed_session import closed_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(secretariat, proposer):
    return closed_session(secretariat, proposer)


def references(response) -> set[str]:
    assert response.status_code == 200
    return {row["reference"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("role", "red_decisions"),
    [
        ("present", set()),
        ("apologies", set()),
        ("represented", set()),
        ("chair", set()),
        ("lapsed", None),  # no current seat: no committee decisions at all
        ("invited", {"red"}),
        ("observer", {"red"}),
        ("secretariat", {"red", "red without item"}),
    ],
)
def test_decisions_api_leaves_out_red_decisions_the_caller_is_not_named_on(
    session, role, red_decisions
):
    decisions = {
        "red": session.red_decision.reference,
        "red without item": session.red_decision_without_item.reference,
    }

    listed = references(api(session.people[role]).get("/api/decisions/"))
    by_outcome = references(api(session.people[role]).get("/api/decisions/?passed=false"))

    if red_decisions is None:
        assert listed == set()
        return
    expected = {decisions[name] for name in red_decisions} | {session.amber_decision.reference}
    assert listed == expected
    assert by_outcome == expected  # the filters cannot tell a withheld decision's outcome


@pytest.mark.parametrize(
    ("role", "reads_red"),
    [
        ("present", False),
        ("apologies", False),
        ("represented", False),
        ("lapsed", False),
        ("term_over", False),
        ("invited", True),
        ("secretariat", True),
    ],
)
def test_papers_api_gives_the_red_paper_to_the_named_and_seated_alone(session, role, reads_red):
    client = api(session.people[role])

    listed = client.get("/api/papers/?classification=RED").json()["results"]
    detail = client.get(f"/api/papers/{session.red_paper.pk}/")

    assert [row["id"] for row in listed] == ([session.red_paper.pk] if reads_red else [])
    assert detail.status_code == (200 if reads_red else 404)
