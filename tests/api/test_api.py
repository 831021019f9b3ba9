"""The REST API: hashed personal tokens, the same classification policy, writes through services."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import seated
from tests.factories.people import OrganisationFactory, UserFactory
from tests.factories.proposals import COMPLETE_ANSWERS, device_type, draft_proposal
from tests.factories.states import proposal_in_state
from triage_portal.accounts.api_tokens import create_token
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import ApiToken
from triage_portal.audit.models import ActivityLog
from usecases.models import Submission

pytestmark = pytest.mark.django_db


def api(user=None) -> Client:
    client = Client()
    if user is not None:
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {create_token(user=user, name='test')}"
    return client


def test_a_token_is_shown_once_and_kept_only_as_a_hash(client, proposer):
    client.force_login(proposer)

    page = client.post(reverse("accounts:api-token-create"), {"name": "My script"})

    key = page.context["key"]
    assert key.startswith("ssc_") and key in page.text
    token = ApiToken.objects.get(user=proposer)
    assert key not in (token.key_hash, token.prefix) and len(token.key_hash) == 64
    assert api_with(key).get("/api/submissions/").status_code == 200
    client.post(reverse("accounts:api-token-revoke", args=[token.pk]))
    assert api_with(key).get("/api/submissions/").status_code in (401, 403)
    assert ActivityLog.objects.filter(action="accounts.api_token.revoked").exists()


def api_with(key: str) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    return client


def test_no_token_no_data_but_the_public_registers_are_open():
    assert Client().get("/api/submissions/").status_code in (401, 403)
    assert Client().get("/api/registers/proposals/").status_code == 200
    assert api_with("ssc_forged").get("/api/submissions/").status_code == 401


def test_lists_and_details_follow_the_classification_policy(secretariat):
    proposer_a = UserFactory(organisation=OrganisationFactory(name="Org A"))
    proposer_b = UserFactory(organisation=OrganisationFactory(name="Org B"))
    items = {}
    for level in ("WHITE", "GREEN", "AMBER", "RED"):
        items[level] = proposal_in_state("REGISTERED", proposer=proposer_a, secretariat=secretariat)
        Submission.objects.filter(pk=items[level].pk).update(classification=level)
    member = seated(UserFactory(role=Role.SSC_MEMBER))

    def listed(user):
        return {
            row["classification"] for row in api(user).get("/api/submissions/").json()["results"]
        }

    assert listed(proposer_a) == {"WHITE", "GREEN", "AMBER", "RED"}
    assert listed(proposer_b) == {"WHITE", "GREEN"}
    assert listed(member) == {"WHITE", "GREEN", "AMBER"}
    assert api(proposer_b).get(f"/api/submissions/{items['AMBER'].pk}/").status_code == 404
    assert api(member).get(f"/api/submissions/{items['RED'].pk}/").status_code == 404


def test_a_proposer_starts_edits_and_submits_a_draft_through_the_api(proposer, sec_party):
    client = api(proposer)

    bad = client.post(
        "/api/submissions/",
        {"kind": "USE_CASE", "answers": {"q6_urgent": "PERHAPS", "nonsense": "x"}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["answers"]) == {"q6_urgent", "nonsense"}

    made = client.post(
        "/api/submissions/",
        {"kind": "USE_CASE", "answers": {"use_case_title": "From a script"}},
        content_type="application/json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    assert made.json()["state"] == "DRAFT" and made.json()["use_case_title"] == "From a script"

    early = client.post(
        f"/api/submissions/{pk}/submit/", {"declaration": True}, content_type="application/json"
    )
    assert early.status_code == 400 and early.json()["detail"]

    answers = {k: v for k, v in COMPLETE_ANSWERS.items()} | {"device_types": [device_type().pk]}
    saved = client.post(
        f"/api/submissions/{pk}/answers/", {"answers": answers}, content_type="application/json"
    )
    assert saved.status_code == 200, saved.json()
    from usecases import workflow

    workflow.add_supporter(
        submission_id=pk,
        user=proposer,
        name="Sam",
        sec_party=sec_party,
        phone="01632 960 100",
        email="sam@example.com",
    )
    done = client.post(
        f"/api/submissions/{pk}/submit/", {"declaration": True}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["state"] == "SUBMITTED"
    actions = set(ActivityLog.objects.filter(object_id=str(pk)).values_list("action", flat=True))
    assert {"usecases.proposal.draft_saved", "usecases.proposal.submitted"} <= actions


def test_another_organisation_cannot_edit_or_see_a_draft(proposer, other_proposer):
    draft = draft_proposal(proposer)

    response = api(other_proposer).post(
        f"/api/submissions/{draft.pk}/answers/",
        {"answers": {"use_case_title": "Hijacked"}},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert Submission.objects.get(pk=draft.pk).use_case_title != "Hijacked"


def test_malformed_json_is_a_400_not_a_500(proposer):
    response = api(proposer).post("/api/submissions/", "{not json", content_type="application/json")

    assert response.status_code == 400


def test_schema_and_docs_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and "/api/submissions/" in docs.text


def test_the_proposer_answers_clarification_questions_through_the_api(proposer, secretariat):
    submission = proposal_in_state(
        "CLARIFICATION_REQUESTED", proposer=proposer, secretariat=secretariat
    )
    request = submission.clarifications.get(answered_at__isnull=True)
    numbers = [q.number for q in request.questions.all()]
    client = api(proposer)

    missing = client.post(
        f"/api/submissions/{submission.pk}/clarification/",
        {"answers": {}},
        content_type="application/json",
    )
    answered = client.post(
        f"/api/submissions/{submission.pk}/clarification/",
        {"answers": {str(n): f"Answer {n}" for n in numbers}},
        content_type="application/json",
    )

    assert missing.status_code == 400 and "Answer question" in missing.json()["detail"][0]
    assert answered.status_code == 200
    assert answered.json()["state"] != "CLARIFICATION_REQUESTED"


@pytest.mark.parametrize(("name", "message"), [("", "Enter a name"), ("a\x00b", "Null characters")])
def test_a_bad_token_name_is_refused_with_a_message(client, proposer, name, message):
    client.force_login(proposer)

    response = client.post(reverse("accounts:api-token-create"), {"name": name}, follow=True)

    assert message in response.text
    assert not ApiToken.objects.exists()


def test_a_lists_count_is_kept_until_the_next_change(secretariat, proposer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from usecases import workflow

    first = proposal_in_state("SUBMITTED", proposer=proposer, secretariat=secretariat)
    client = api(secretariat)

    def count_and_queries():
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/api/submissions/", {"state": "SUBMITTED"}).json()
        return body["count"], sum("COUNT(" in q["sql"].upper() for q in queries)

    assert count_and_queries() == (1, 1)
    assert count_and_queries() == (1, 0)  # the kept count
    proposal_in_state("SUBMITTED", proposer=proposer, secretariat=secretariat)
    assert count_and_queries() == (2, 1)
    workflow.register_proposal(submission_id=first.pk, user=secretariat, classification="AMBER")
    assert count_and_queries() == (1, 1)


def test_a_lone_surrogate_in_the_json_is_a_plain_400_and_saves_nothing(proposer):
    draft = draft_proposal(proposer)
    body = '{"answers": {"use_case_title": "Half a character \\udfff"}}'

    response = api(proposer).post(
        f"/api/submissions/{draft.pk}/answers/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "lone surrogate" in response.json()["detail"]
    draft.refresh_from_db()
    assert "Half a character" not in draft.use_case_title
