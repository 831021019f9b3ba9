"""A draft resumes at a GOV.UK task list; "Change" and the task list's links return where they came from."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.people import SecPartyFactory
from tests.factories.proposals import draft_proposal, submitted_proposal
from tests.usecases.test_attachments import PNG

pytestmark = pytest.mark.django_db


def tasks_url(submission):
    return reverse("usecases:proposal-tasks", args=[submission.pk])


def statuses(html: str) -> dict[str, str]:
    """Return each task's title and its status as the page shows them."""
    rows = re.findall(
        r'govuk-task-list__link" href="[^"]*" aria-describedby="task-[\w-]+-status">([^<]+)</a>'
        r".*?id=\"task-[\w-]+-status\">\s*(.*?)\s*</div>",
        html,
        re.S,
    )
    return {title: re.sub(r"<[^>]+>", "", status).strip() for title, status in rows}


def test_task_list_shows_each_section_completed_or_incomplete(client, proposer):
    submission = draft_proposal(proposer, complete=False, use_case_title="A title", q3_solution="S")
    client.force_login(proposer)

    response = client.get(tasks_url(submission))

    assert statuses(response.text) == {
        "Titles": "Completed",
        "Proposer details": "Incomplete",
        "SEC Party support": "Incomplete",
        "The issue": "Incomplete",
        "Proposed solution": "Completed",
        "Effect on existing SCs": "Incomplete",
        "Need for a new SC": "Incomplete",
        "Urgency": "Incomplete",
        "Device types and classification": "Incomplete",
        "Supporting documents": "No files added",
    }
    assert "You have completed 2 of 9 required sections." in response.text
    assert "Cannot start yet" in response.text
    assert "There is a problem" not in response.text


def test_task_list_of_a_finished_draft_leads_to_check_answers(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    response = client.get(tasks_url(submission))

    assert set(statuses(response.text).values()) == {
        "Completed",
        "No files added",
        "Not yet started",
    }
    assert f'href="{reverse("usecases:proposal-check", args=[submission.pk])}"' in response.text


def test_continue_your_draft_opens_the_task_list(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    page = client.get(submission.get_absolute_url())
    listing = client.get(reverse("usecases:proposal-list"))

    assert (
        f'href="{tasks_url(submission)}" aria-describedby="primary-action-purpose">Continue your draft'
        in page.text
    )
    assert f'href="{tasks_url(submission)}">Continue' in listing.text


def test_a_section_opened_from_the_task_list_returns_to_it(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)
    url = reverse("usecases:proposal-section", args=[submission.pk, "solution"])

    response = client.post(f"{url}?return=tasks", {"action": "continue", "q3_solution": "Fix"})

    assert response["Location"] == tasks_url(submission)


def test_task_list_of_a_submitted_proposal_is_not_the_proposers_to_change(client, proposer):
    submission = submitted_proposal(proposer)
    client.force_login(proposer)

    response = client.get(tasks_url(submission))

    assert response.status_code == 404


def test_adding_a_supporter_from_check_answers_keeps_the_way_back(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    url = reverse("usecases:proposal-section", args=[submission.pk, "supporters"])
    party = SecPartyFactory()

    added = client.post(
        f"{url}?return=check",
        {
            "action": "add",
            "name": "Second Supporter",
            "sec_party": party.pk,
            "phone": "01632 960 200",
            "email": "second@example.com",
        },
    )
    done = client.post(f"{url}?return=check", {"action": "continue"})

    assert added["Location"] == f"{url}?return=check"
    assert done["Location"] == reverse("usecases:proposal-check", args=[submission.pk])


def test_uploading_a_file_from_check_answers_keeps_the_way_back(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    url = reverse("usecases:proposal-section", args=[submission.pk, "attachments"])
    upload = SimpleUploadedFile("diagram.png", PNG, content_type="image/png")

    added = client.post(f"{url}?return=check", {"action": "upload", "file": upload})

    assert added["Location"] == f"{url}?return=check"
    assert submission.attachments.count() == 1


@pytest.mark.parametrize(("slug", "radio", "box"), [("urgency", "q6_urgent", "q6_justification")])
def test_the_explanation_box_is_revealed_under_yes(client, proposer, slug, radio, box):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    page = client.get(reverse("usecases:proposal-section", args=[submission.pk, slug])).text

    yes = f'id="id_{radio}_0" name="{radio}" type="radio" value="YES"'
    assert f'{yes} data-aria-controls="conditional-id_{box}">' in page
    conditional = page.index(
        f'<div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-id_{box}">'
    )
    assert (
        page.index(yes)
        < conditional
        < page.index(f'id="id_{box}"')
        < page.index(f'id="id_{radio}_1"')
    )
    assert page.count(f'name="{box}"') == 1


def test_the_explanation_box_shows_when_yes_is_chosen(client, proposer):
    submission = draft_proposal(proposer, complete=False, q6_urgent="YES")
    client.force_login(proposer)

    page = client.get(reverse("usecases:proposal-section", args=[submission.pk, "urgency"])).text

    assert '<div class="govuk-radios__conditional" id="conditional-id_q6_justification">' in page


@pytest.mark.parametrize("slug", ["existing-sc", "new-sc"])
def test_an_sc_explanation_stays_open_for_a_to_be_determined(client, proposer, slug):
    submission = draft_proposal(proposer, complete=False)
    client.force_login(proposer)

    page = client.get(reverse("usecases:proposal-section", args=[submission.pk, slug])).text

    assert "data-aria-controls" not in page
    assert "Needed if you answered Yes; you can also explain a To be determined" in page
