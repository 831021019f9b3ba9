import pytest
from django.urls import reverse

from tests.factories.proposals import device_type, draft_proposal, submitted_proposal
from usecases.demo import eon
from usecases.enums import SubmissionState
from usecases.models import Submission

pytestmark = pytest.mark.django_db


def section_url(submission, slug):
    return reverse("usecases:proposal-section", args=[submission.pk, slug])


def test_anonymous_user_is_sent_to_sign_in(client):
    response = client.get(reverse("usecases:proposal-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_start_creates_draft_and_opens_first_page(client, proposer):
    client.force_login(proposer)

    response = client.post(reverse("usecases:proposal-start"), {"kind": "SC_MODIFICATION"})

    submission = Submission.objects.get()
    assert submission.kind == "SC_MODIFICATION"
    assert response["Location"] == section_url(submission, "titles")


def test_start_without_choice_shows_error(client, proposer):
    client.force_login(proposer)

    response = client.post(reverse("usecases:proposal-start"), {})

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Select what you want to propose" in response.text
    assert "<title>Error: " in response.text
    assert not Submission.objects.exists()


def test_continue_without_required_answer_shows_linked_error(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.post(
        section_url(submission, "titles"), {"action": "continue", "sc_mod_title": "Kept"}
    )

    assert response.status_code == 200
    assert '<a href="#id_use_case_title">Enter the proposed Use Case title</a>' in response.text
    assert 'value="Kept"' in response.text


def test_save_and_come_back_later_keeps_partial_answers(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.post(
        section_url(submission, "issue"), {"action": "save", "q1_issue": "Half an answer"}
    )

    assert response["Location"] == reverse("usecases:proposal-list")
    submission.refresh_from_db()
    assert submission.q1_issue == "Half an answer"


def test_invalid_email_keeps_every_typed_value(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)
    typed = {
        "action": "continue",
        "proposer_name": "Zoë O’Neill <b>",
        "proposer_organisation_name": "Ørsted & Co",
        "proposer_phone": "+44 (0)1632 960 999",
        "proposer_email": "not-an-email",
    }

    response = client.post(section_url(submission, "proposer"), typed)

    assert response.status_code == 200
    assert "Enter an e-mail address in the correct format, like name@example.com" in response.text
    assert 'value="Zoë O’Neill &lt;b&gt;"' in response.text
    assert 'value="Ørsted &amp; Co"' in response.text
    assert 'value="+44 (0)1632 960 999"' in response.text
    assert 'value="not-an-email"' in response.text


@pytest.mark.parametrize(
    "answer",
    [
        "x" * 100_000,
        "日本語のテキスト — العربية — Ελληνικά — 🙂",
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "averyveryverylongunbrokenword" * 500,
    ],
    ids=["100KB", "non-latin", "html-script", "unbroken-word"],
)
def test_awkward_answers_are_stored_verbatim_and_shown_escaped(client, proposer, answer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    response = client.post(
        section_url(submission, "solution"), {"action": "continue", "q3_solution": answer}
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.q3_solution == answer
    page = client.get(reverse("usecases:proposal-check", args=[submission.pk]))
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    if "<script>" in answer:
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page.text
    else:
        assert answer in page.text


def test_browser_line_endings_are_normalised(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    client.post(
        section_url(submission, "solution"),
        {"action": "continue", "q3_solution": "One.\r\n\r\nTwo."},
    )

    submission.refresh_from_db()
    assert submission.q3_solution == "One.\n\nTwo."


def test_answer_over_the_limit_is_refused_with_message(client, proposer, settings):
    settings.ANSWER_MAX_CHARS = 50
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.post(
        section_url(submission, "issue"), {"action": "continue", "q1_issue": "y" * 51}
    )

    assert "The answer must be 50 characters or fewer" in response.text


def test_other_organisation_cannot_open_draft(client, proposer, other_proposer):
    submission = draft_proposal(proposer)
    client.force_login(other_proposer)

    assert client.get(section_url(submission, "titles")).status_code == 404
    assert client.get(reverse("usecases:proposal-detail", args=[submission.pk])).status_code == 404
    assert client.get(reverse("usecases:proposal-check", args=[submission.pk])).status_code == 404


def test_submitted_proposal_is_no_longer_editable(client, proposer):
    submission = submitted_proposal(proposer)
    client.force_login(proposer)

    response = client.post(
        section_url(submission, "solution"), {"action": "continue", "q3_solution": "changed"}
    )

    assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.q3_solution == eon.EON_ANSWERS["q3_solution"]


def test_unknown_section_is_not_found(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    assert client.get(section_url(submission, "nope")).status_code == 404


def test_supporters_page_adds_and_removes(client, proposer, sec_party):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)
    url = section_url(submission, "supporters")

    client.post(
        url,
        {
            "action": "add",
            "name": "Martin Christie",
            "sec_party": sec_party.pk,
            "phone": "1",
            "email": "m@example.com",
        },
    )
    supporter = submission.supporters.get()
    assert supporter.name == "Martin Christie"
    client.post(url, {"action": f"remove-{supporter.pk}"})
    assert not submission.supporters.exists()


def test_supporters_continue_without_any_shows_error(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.post(section_url(submission, "supporters"), {"action": "continue"})

    assert "Add at least one SEC Party that supports this proposal" in response.text


def test_supporter_with_missing_fields_keeps_input(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.post(
        section_url(submission, "supporters"),
        {"action": "add", "name": "Half Typed", "phone": "07"},
    )

    assert "Select the SEC Party that supports the proposal" in response.text
    assert "Enter the supporter&#x27;s e-mail address" in response.text
    assert 'value="Half Typed"' in response.text
    assert not submission.supporters.exists()


def test_check_answers_of_an_unfinished_draft_opens_the_task_list(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.get(reverse("usecases:proposal-check", args=[submission.pk]))

    assert response["Location"] == reverse("usecases:proposal-tasks", args=[submission.pk])


def test_check_answers_lists_what_is_missing_after_a_refused_submit(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.post(
        reverse("usecases:proposal-check", args=[submission.pk]), {"declaration": "on"}
    )

    assert "Enter the proposed Use Case title" in response.text
    assert "Add at least one SEC Party that supports this proposal" in response.text
    assert f"{section_url(submission, 'issue')}?return=check" in response.text


def test_check_answers_submits_with_declaration(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    refused = client.post(reverse("usecases:proposal-check", args=[submission.pk]), {})
    assert "Confirm the declaration to submit your proposal" in refused.text

    response = client.post(
        reverse("usecases:proposal-check", args=[submission.pk]), {"declaration": "on"}
    )

    assert response["Location"] == reverse("usecases:proposal-submitted", args=[submission.pk])
    assert Submission.objects.get(pk=submission.pk).state == SubmissionState.SUBMITTED


def test_scope_page_saves_device_types(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    gsme = device_type("GSME")
    client.force_login(proposer)

    client.post(
        section_url(submission, "scope"),
        {"action": "save", "device_types": [gsme.pk], "proposer_classification": "AMBER"},
    )

    submission.refresh_from_db()
    assert list(submission.device_types.values_list("code", flat=True)) == ["GSME"]
    assert submission.proposer_classification == "AMBER"


def test_forged_device_type_id_gets_clear_error(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    response = client.post(
        section_url(submission, "scope"), {"action": "continue", "device_types": ["999999"]}
    )

    assert response.status_code == 200
    assert "There is a problem" in response.text


def test_withdraw_page_requires_reason(client, proposer):
    submission = submitted_proposal(proposer)
    client.force_login(proposer)
    url = reverse("usecases:proposal-action", args=[submission.pk, "withdraw"])

    response = client.post(url, {"reason": ""})
    assert "Enter the reason for withdrawing the proposal" in response.text

    client.post(url, {"reason": "No longer needed"})
    assert Submission.objects.get(pk=submission.pk).state == SubmissionState.WITHDRAWN


def test_delete_draft_page(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    response = client.post(reverse("usecases:proposal-delete", args=[submission.pk]))

    assert response["Location"] == reverse("usecases:proposal-list")
    assert not Submission.objects.exists()


def test_detail_shows_timeline_in_plain_words(client, proposer):
    submission = submitted_proposal(proposer)
    client.force_login(proposer)

    response = client.get(reverse("usecases:proposal-detail", args=[submission.pk]))

    assert "Submitted to the SSC" in response.text
    assert "Supporter asked to confirm support: Supporter 0" in response.text


@pytest.mark.parametrize("count", [1, 8])
def test_proposal_list_query_count_does_not_grow(
    client, proposer, count, django_assert_max_num_queries
):
    for _ in range(count):
        draft_proposal(proposer)
    client.force_login(proposer)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("usecases:proposal-list"))

    assert response.status_code == 200
    assert response.text.count(">Continue<span") == count


@pytest.mark.parametrize("count", [1, 6])
def test_committee_home_query_count_does_not_grow(
    client, proposer, member, count, django_assert_max_num_queries
):
    for _ in range(count):
        submission = submitted_proposal(proposer)
        Submission.objects.filter(pk=submission.pk).update(classification="AMBER")
    client.force_login(member)

    # The member's home also reads the next meeting, its papers, votes and declarations.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("home"))

    assert response.text.count("Meter Triage – Deployment of Vanilla DNO Certificates") == count


def test_detail_query_count_is_bounded(client, proposer, django_assert_max_num_queries):
    submission = submitted_proposal(proposer, supporters=3)
    client.force_login(proposer)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("usecases:proposal-detail", args=[submission.pk]))

    assert response.status_code == 200


def test_secretariat_saving_a_submitted_proposal_returns_to_the_proposal(
    client, proposer, secretariat
):
    submission = submitted_proposal(proposer)
    client.force_login(secretariat)
    url = section_url(submission, "issue")

    page = client.get(url)
    response = client.post(
        url, {"action": "save", "q1_issue": "Corrected", "q2_why_needed": submission.q2_why_needed}
    )

    assert ">Save and return to the proposal</button>" in page.text
    assert "Save and come back later" not in page.text
    assert response["Location"] == reverse("usecases:proposal-detail", args=[submission.pk])
    assert Submission.objects.get(pk=submission.pk).q1_issue == "Corrected"


def test_a_draft_keeps_save_and_come_back_later(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    page = client.get(section_url(submission, "issue"))

    assert ">Save and come back later</button>" in page.text
