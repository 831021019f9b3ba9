import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories.people import UserFactory
from tests.factories.proposals import device_type, submitted_proposal
from tests.factories.states import future, proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import Organisation
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.forms.workspace import WorkspaceFilterForm
from usecases.models import ClarificationRequest, Submission

pytestmark = pytest.mark.django_db
URL = reverse("usecases:workspace")


def titles(response) -> list[str]:
    return [s.title for s in response.context["page"]]


def test_counts_per_state(client, proposer, secretariat):
    submitted_proposal(proposer)
    proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    client.force_login(secretariat)

    response = client.get(URL)

    tabs = dict((state.value, n) for state, n in response.context["tabs"])
    assert (tabs["SUBMITTED"], tabs["REGISTERED"], response.context["total"]) == (1, 1, 2)


def test_counts_kept_between_views_move_with_the_next_change(client, proposer, secretariat):
    submitted = submitted_proposal(proposer)
    client.force_login(secretariat)

    def tabs():
        return dict((state.value, n) for state, n in client.get(URL).context["tabs"])

    assert tabs()["SUBMITTED"] == 1
    assert tabs()["SUBMITTED"] == 1  # from the kept counts
    workflow.register_proposal(submission_id=submitted.pk, user=secretariat, classification="AMBER")
    assert (tabs()["SUBMITTED"], tabs()["REGISTERED"]) == (0, 1)


def test_a_filtered_count_kept_between_pages_moves_with_the_next_change(
    client, proposer, secretariat
):
    first, _ = submitted_proposal(proposer), submitted_proposal(proposer)
    client.force_login(secretariat)

    def count():
        return client.get(URL, {"state": "SUBMITTED"}).context["page"].paginator.count

    assert count() == 2
    assert count() == 2  # the kept count
    workflow.register_proposal(submission_id=first.pk, user=secretariat, classification="AMBER")
    assert count() == 1


def test_filters_and_search(client, proposer, secretariat):
    a = submitted_proposal(
        proposer,
        use_case_title="Firmware re-flash",
        q2_why_needed="Counterfeit handsets are rising",
    )
    b = submitted_proposal(
        proposer,
        kind="SC_MODIFICATION",
        sc_mod_title="Tamper evidence",
        q6_urgent="NO",
        q6_justification="",
    )
    b.device_types.set([device_type("GSME")])
    client.force_login(secretariat)

    assert titles(client.get(URL, {"kind": "SC_MODIFICATION"})) == ["Tamper evidence"]
    assert titles(client.get(URL, {"urgent": "YES"})) == ["Firmware re-flash"]
    assert titles(client.get(URL, {"device_type": device_type("GSME").pk})) == ["Tamper evidence"]
    assert titles(client.get(URL, {"q": "counterfeit"})) == ["Firmware re-flash"]
    assert titles(client.get(URL, {"q": "nothing-like-this"})) == []
    assert a.pk != b.pk


def test_bad_date_gives_error_not_500(client, secretariat):
    client.force_login(secretariat)

    response = client.get(URL, {"submitted_from": "31 02 2026"})

    assert response.status_code == 200
    assert "Submitted from must be a real date" in response.text


def test_a_refused_filter_is_left_out_and_the_others_still_apply(client, proposer, secretariat):
    submitted_proposal(proposer, use_case_title="Firmware re-flash")
    submitted_proposal(proposer, use_case_title="Tamper evidence")
    client.force_login(secretariat)

    response = client.get(URL, {"submitted_from": "31 02 2026", "q": "tamper"})

    assert "Submitted from must be a real date" in response.text
    assert titles(response) == ["Tamper evidence"]
    assert response.context["page"].paginator.count == 1
    assert 'value="tamper"' in response.text and 'value="31 02 2026"' in response.text


def test_overdue_and_urgent_flags(client, proposer, secretariat):
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    workflow.request_clarification(
        submission_id=submission.pk, user=secretariat, questions=["Q?"], due_on=future()
    )
    ClarificationRequest.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(secretariat)

    response = client.get(URL)

    assert "Clarification overdue" in response.text
    assert "Urgent" in response.text


def test_working_days_in_state_skip_weekends(client, proposer, secretariat):
    submission = submitted_proposal(proposer)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    Submission.objects.filter(pk=submission.pk).update(
        state_changed_at=timezone.make_aware(datetime.datetime.combine(monday, datetime.time(12)))
    )
    client.force_login(secretariat)

    row = client.get(URL).context["page"][0]

    assert row.days_in_state == 5 + today.weekday() if today.weekday() < 5 else 10


def test_csv_export_keeps_filters_and_escapes_formulas(client, proposer, secretariat):
    submitted_proposal(proposer, use_case_title="=cmd|' /C calc'!A0")
    submitted_proposal(proposer, kind="SC_MODIFICATION", sc_mod_title="Other")
    client.force_login(secretariat)

    response = client.get(reverse("usecases:workspace-csv"), {"kind": "USE_CASE"})

    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"] == 'attachment; filename="proposals.csv"'
    assert "'=cmd" in body and "Other" not in body


@pytest.mark.parametrize("role", [Role.PROPOSER, Role.SSC_MEMBER, Role.OBSERVER])
def test_workspace_is_not_found_for_others(client, role):
    client.force_login(UserFactory(role=role))

    assert client.get(URL).status_code == 404
    assert client.get(reverse("usecases:workspace-csv")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("count", [2, 12])
def test_query_count_does_not_grow(
    client, proposer, secretariat, count, django_assert_max_num_queries
):
    for _ in range(count):
        submitted_proposal(proposer)
    client.force_login(secretariat)

    with django_assert_max_num_queries(12):
        response = client.get(URL)

    assert len(response.context["page"]) == count


def test_the_complete_register_has_every_answer_and_is_for_the_secretariat_only(
    client, proposer, secretariat
):
    submitted_proposal(proposer, use_case_title="Register me", q3_solution="=SUM(A1)")
    client.force_login(proposer)
    assert client.get(reverse("usecases:register-csv")).status_code == 404
    client.force_login(secretariat)

    response = client.get(reverse("usecases:register-csv"))

    body = b"".join(response.streaming_content).decode()
    header = body.splitlines()[0]
    assert "1. Issue" in header and "Supporters" in header and "Device types" in header
    assert "Register me" in body and "'=SUM(A1)" in body


def test_filter_form_takes_an_organisation_by_id_and_refuses_an_unknown_one():
    org = Organisation.objects.create(name="Filter Test Energy")

    chosen = WorkspaceFilterForm({"organisation": str(org.pk)})
    unknown = WorkspaceFilterForm({"organisation": str(org.pk + 1000), "q": "kept"})

    assert chosen.is_valid() and chosen.cleaned_data["organisation"] == org.pk
    assert not unknown.is_valid()
    assert "Select a valid choice" in unknown.errors["organisation"][0]
    assert unknown["q"].value() == "kept"
    assert (org.pk, "Filter Test Energy") in chosen.fields["organisation"].choices


def test_the_public_registers_kept_count_moves_with_the_next_change(client, proposer, secretariat):
    first, second = submitted_proposal(proposer), submitted_proposal(proposer)
    workflow.register_proposal(submission_id=first.pk, user=secretariat, classification="WHITE")
    register = reverse("usecases:register-proposals")

    def count():
        return client.get(register).context["page"].paginator.count

    assert count() == 1
    with CaptureQueriesContext(connection) as second_view:
        assert count() == 1
    assert not [q for q in second_view.captured_queries if "COUNT(" in q["sql"]]
    workflow.register_proposal(submission_id=second.pk, user=secretariat, classification="WHITE")
    assert count() == 2


def test_the_filter_form_drawn_by_djangos_jinja2_renderer_keeps_and_escapes_what_was_chosen(
    client, secretariat
):
    from django.forms.renderers import Jinja2

    client.force_login(secretariat)

    html = client.get(URL, {"q": '<b>"meters"', "kind": "SC_MODIFICATION"}).text

    assert isinstance(WorkspaceFilterForm().renderer, Jinja2)  # Django's own, made once
    assert WorkspaceFilterForm().renderer is WorkspaceFilterForm().renderer
    assert 'value="&lt;b&gt;&#34;meters&#34;"' in html
    assert '<option value="SC_MODIFICATION" selected>SC Modification Proposal</option>' in html
    assert '<option value="" selected>Any</option>' in html  # the state, not chosen
