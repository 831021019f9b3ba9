"""E-mails about proposals, and the log of who was told what.

Bodies follow the classification (triage_portal.classification.may_quote): for AMBER and RED items an
e-mail carries only the reference, the event and a link, never the substance. Supporters are
third parties the proposer named: what they are sent is a fixed text with, where the level
allows, the proposal's title, and never anything else the proposer wrote (a proposer must not
be able to make the portal carry their words to addresses they typed).
"""

from django.conf import settings
from django.urls import reverse

from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User
from triage_portal.classification import may_quote
from triage_portal.links import portal_url
from triage_portal.mail import queue_email
from usecases.models import Notification, Submission, SupportingParty
from usecases.workflow.support_links import closed_reason, support_link

# event: (who is told, subject, sentence). Recipients: P proposer, S supporters,
# X secretariat, C the SSC Chair. Events not listed send no e-mail.
EVENTS = {
    "submitted": (
        "PX",
        "Proposal received by the SSC",
        "has been submitted to the SSC secretariat",
    ),
    "resubmitted": (
        "PX",
        "Proposal resubmitted to the SSC",
        "has been resubmitted to the SSC secretariat",
    ),
    "returned": (
        "PS",
        "Proposal returned for completion",
        "has been returned to the proposer for completion",
    ),
    "registered": (
        "PSC",
        "Proposal registered by the SSC",
        "has been registered for consideration by the SSC",
    ),
    "clarification_requested": (
        "PS",
        "The SSC has questions about a proposal",
        "has questions from the SSC for the proposer to answer in the portal",
    ),
    "clarification_reminder": (
        "P",
        "Reminder: the SSC's questions are due",
        "has questions from the SSC that are due",
    ),
    "referral_reminder": (
        "X",
        "Reminder: a referral response is due",
        "has a referral whose response is due",
    ),
    "clarification_answered": (
        "X",
        "Clarification answered",
        "has had the SSC's questions answered by the proposer",
    ),
    "progressed": (
        "PS",
        "SSC decision: proposal progressed",
        "has been progressed to assessment by the SSC",
    ),
    "approved": ("PSX", "SSC decision: proposal approved", "has been approved by the SSC"),
    "rejected": ("PSX", "SSC decision: proposal rejected", "has been rejected by the SSC"),
    "sent_back": (
        "PS",
        "SSC decision: further work needed",
        "has been sent back for further work by the SSC",
    ),
    "put_on_hold": ("PS", "SSC decision: proposal on hold", "has been put on hold by the SSC"),
    "superseded": (
        "PSX",
        "Proposal superseded",
        "has been closed because another proposal supersedes it",
    ),
    "published": ("PSX", "Proposal published", "has been published"),
    "withdrawn": ("PSX", "Proposal withdrawn", "has been withdrawn"),
}


def proposal_link(submission: Submission) -> str:
    return portal_url(reverse("usecases:proposal-detail", args=[submission.pk]))


def _lowered(emails) -> list[str]:
    return list(dict.fromkeys(email.lower() for email in emails if email))


def _supporters(submission: Submission, who: str) -> list[str]:
    return _lowered(submission.supporters.values_list("email", flat=True)) if "S" in who else []


def _recipients(submission: Submission, who: str) -> list[str]:
    """Return everyone but the supporters the event concerns."""
    emails = []
    if "P" in who and submission.proposer_email:
        emails.append(submission.proposer_email)
    if "X" in who:
        emails.append(settings.SECRETARIAT_EMAIL)
    if "C" in who:
        emails.extend(
            User.objects.filter(role=Role.SSC_CHAIR, is_active=True).values_list("email", flat=True)
        )
    return _lowered(emails)


def _record(submission: Submission, event: str, recipient: str, subject: str) -> None:
    Notification.objects.create(
        submission=submission, event=event, recipient=recipient, subject=subject
    )


def _due_on(submission: Submission, event: str):
    """Return the due date of the open clarification request an event is about, if any."""
    if not event.startswith("clarification_"):
        return None
    request = submission.clarifications.filter(answered_at__isnull=True).order_by("-number").first()
    return request.due_on if request else None


def notify_event(submission_id: int, event: str, extra: dict | None = None) -> int:
    """E-mail everyone the event concerns, one message each; return how many were queued.

    Supporters are sent the fixed supporters' text (proposal_event_supporter), the others the
    event's full text; both follow the proposal's level.
    """
    if event not in EVENTS:
        return 0
    submission = Submission.objects.select_related("superseded_by").get(pk=submission_id)
    who, subject, sentence = EVENTS[event]
    reference = submission.reference or f"#{submission.pk}"
    context = {
        "submission": submission,
        "reference": reference,
        "event": event,
        "subject": f"{subject}: {reference}",
        "sentence": sentence,
        "substance": may_quote(submission.classification),
        "classification": submission.get_classification_display().upper(),
        "link": proposal_link(submission),
        "due_on": _due_on(submission, event),
        **(extra or {}),
    }
    recipients = _recipients(submission, who)
    supporters = [email for email in _supporters(submission, who) if email not in recipients]
    for template, key, addresses in (
        ("proposal_event", f"usecases.{event}", recipients),
        ("proposal_event_supporter", f"usecases.{event}.supporter", supporters),
    ):
        for recipient in addresses:
            sent_subject = queue_email(
                template=template,
                key=key,
                to=[recipient],
                context=context,
                classification=submission.classification,
            )
            _record(submission, event, recipient, sent_subject)
    return len(recipients) + len(supporters)


def request_support_confirmation(supporter_id: int) -> None:
    """E-mail a supporter the signed link to confirm or decline support.

    A fixed text: the SEC Party (from the portal's list) and, where the level allows, the
    proposal's title; not the names the proposer typed.
    """
    supporter = SupportingParty.objects.select_related("submission", "sec_party").get(
        pk=supporter_id
    )
    submission = supporter.submission
    subject = queue_email(
        template="support_request",
        key="usecases.support_request",
        to=[supporter.email],
        context={
            "supporter": supporter,
            "submission": submission,
            "substance": may_quote(submission.classification),
            "link": support_link(supporter),
            # A link that would not work (a RED proposal) is not sent.
            "closed": closed_reason(submission),
            "days": settings.SUPPORT_LINK_MAX_AGE_DAYS,
        },
        classification=submission.classification,
    )
    _record(submission, "support_request", supporter.email, subject)
