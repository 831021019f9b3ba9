import datetime

import pytest
from django.core import mail

from tests.factories.proposals import draft_proposal
from tests.factories.states import decided, future, proposal_in_state
from triage_portal.notices.models import EmailTemplate
from usecases import workflow
from usecases.demo.eon import EON_ANSWERS
from usecases.enums import SubmissionState as S
from usecases.models import BankHoliday, Notification, Submission
from usecases.workflow.reminders import send_due_reminders

pytestmark = pytest.mark.django_db

SUBSTANCE = ("Meter Triage", "DNO", "vanilla", EON_ANSWERS["q1_issue"][:40])


def bodies() -> str:
    return "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)


@pytest.mark.parametrize("level", ["AMBER", "RED"])
def test_amber_and_red_emails_carry_no_substance(
    proposer, secretariat, level, django_capture_on_commit_callbacks
):
    submission = proposal_in_state(S.SUBMITTED, proposer=proposer, secretariat=secretariat)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.register_proposal(
            submission_id=submission.pk, user=secretariat, classification=level
        )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule_proposal(submission_id=submission.pk, user=secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject_proposal(
            submission_id=submission.pk,
            user=secretariat,
            reason="The vanilla DNO key is unsafe",
            decision=decided(submission.pk, "REJECT"),
        )

    text = bodies()
    assert mail.outbox
    for word in (*SUBSTANCE, "unsafe"):
        assert word not in text
    assert f"classified {level} under the Panel Information Policy" in text
    reference = Submission.objects.get(pk=submission.pk).reference
    assert f"Proposal {reference} has been registered" in text
    assert f"http://testserver/proposals/{submission.pk}/" in text


def test_white_emails_may_quote_title_and_reason(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    Submission.objects.filter(pk=submission.pk).update(classification="WHITE")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject_proposal(
            submission_id=submission.pk,
            user=secretariat,
            reason="Out of scope",
            decision=decided(submission.pk, "REJECT"),
        )

    assert "Title: Meter Triage – Deployment of Vanilla DNO Certificates" in bodies()
    assert "Reason: Out of scope" in bodies()


def test_recipients_are_proposer_supporters_and_secretariat(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_proposal(
            submission_id=submission.pk,
            user=secretariat,
            reason="Approved",
            decision=decided(submission.pk, "APPROVE"),
        )

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [
        "david.lyons@example.com",
        "ssc-secretariat@ssc-portal.invalid",
        "supporter0@example.com",
    ]
    log = Notification.objects.filter(submission=submission, event="approved")
    assert sorted(log.values_list("recipient", flat=True)) == recipients


def test_edited_template_overrides_built_in(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    EmailTemplate.objects.create(
        key="usecases.returned",
        subject="Action needed on {{ reference }}",
        body="Please see {{ link }}",
    )
    submission = proposal_in_state(S.SUBMITTED, proposer=proposer, secretariat=secretariat)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_proposal(submission_id=submission.pk, user=secretariat, reason="Add the SC")

    assert mail.outbox[0].subject == f"[AMBER] Action needed on #{submission.pk}"
    assert mail.outbox[0].body == (
        f"Classification: AMBER\n\nPlease see http://testserver/proposals/{submission.pk}/\n"
    )


def test_broken_mail_server_does_not_break_a_transition(
    proposer, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},
        }
    }
    submission = proposal_in_state(S.SUBMITTED, proposer=proposer, secretariat=secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.register_proposal(
            submission_id=submission.pk, user=secretariat, classification="AMBER"
        )

    assert Submission.objects.get(pk=submission.pk).state == S.REGISTERED


def test_reminders_go_three_working_days_before_and_on_the_day(proposer, secretariat):
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    due = future(30)
    while due.weekday() != 3:  # a Thursday, so three working days before is the Monday
        due += datetime.timedelta(days=1)
    workflow.request_clarification(
        submission_id=submission.pk, user=secretariat, questions=["Why?"], due_on=due
    )
    monday = due - datetime.timedelta(days=3)
    BankHoliday.objects.create(date=monday, name="Test holiday")
    mail.outbox.clear()

    assert send_due_reminders(monday)["clarifications"] == 0
    friday_before = monday - datetime.timedelta(days=3)
    assert send_due_reminders(friday_before)["clarifications"] == 1
    assert send_due_reminders(friday_before)["clarifications"] == 0
    assert send_due_reminders(due)["clarifications"] == 1
    assert [m.subject for m in mail.outbox] == [
        f"[AMBER] Reminder: the SSC's questions are due: {Submission.objects.get(pk=submission.pk).reference}"
    ] * 2


def test_a_clarification_request_gives_its_due_date_without_substance(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    due = future(21)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_clarification(
            submission_id=submission.pk, user=secretariat, questions=["Why DNO?"], due_on=due
        )

    reference = Submission.objects.get(pk=submission.pk).reference
    to_proposer = next(m for m in mail.outbox if m.to == ["david.lyons@example.com"])
    assert to_proposer.subject == f"[AMBER] The SSC has questions about a proposal: {reference}"
    assert f"The answer is due by {due:%-d %B %Y}." in to_proposer.body
    assert "Why DNO?" not in bodies()


def test_supporters_get_the_title_and_none_of_the_proposers_words(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    Submission.objects.filter(pk=submission.pk).update(
        classification="WHITE", proposer_name="Cheap meters at spam.example"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw_proposal(
            submission_id=submission.pk, user=proposer, reason="Visit spam.example today"
        )

    reference = Submission.objects.get(pk=submission.pk).reference
    [to_supporter] = [m for m in mail.outbox if m.to == ["supporter0@example.com"]]
    assert to_supporter.subject == f"[WHITE] Proposal withdrawn: {reference}"
    assert to_supporter.body == (
        "Classification: WHITE\n\n"
        f"You are named as a supporter of proposal {reference}, which has been withdrawn.\n\n"
        "Title: Meter Triage – Deployment of Vanilla DNO Certificates\n\n"
        "Sign in to read it:\n"
        f"http://testserver/proposals/{submission.pk}/\n\n"
        "SSC Triage Portal\n"
    )
    to_proposer = next(m for m in mail.outbox if m.to == ["david.lyons@example.com"])
    assert "Reason: Visit spam.example today" in to_proposer.body


def test_a_support_request_quotes_no_name_the_proposer_typed(
    proposer, django_capture_on_commit_callbacks
):
    submission = draft_proposal(proposer, proposer_name="Buy meters at spam.example")
    Submission.objects.filter(pk=submission.pk).update(classification="GREEN")
    submission.supporters.update(name="Click spam.example now")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)

    [request] = [m for m in mail.outbox if m.to == ["supporter0@example.com"]]
    assert request.subject == "[GREEN] Please confirm your support for a proposal to the SSC"
    assert "Proposal: Meter Triage – Deployment of Vanilla DNO Certificates" in request.body
    assert "spam.example" not in request.body


def test_a_support_request_for_a_red_proposal_sends_no_link_that_cannot_work(
    proposer, django_capture_on_commit_callbacks
):
    submission = draft_proposal(proposer)
    Submission.objects.filter(pk=submission.pk).update(classification="RED")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)

    [request] = [m for m in mail.outbox if m.to == ["supporter0@example.com"]]
    assert request.subject == "[RED] Please confirm your support for a proposal to the SSC"
    assert "/support/" not in request.body
    assert "http" not in request.body
    assert (
        "This proposal is now classified RED: only the people the SSC names may read it, so this "
        "link no longer works. If you need to answer, contact the SSC secretariat."
    ) in " ".join(request.body.split())
