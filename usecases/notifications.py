"""E-mails about proposals. Bodies follow the classification: no substance for AMBER or RED."""

from django.conf import settings
from django.urls import reverse

from triage_portal.classification import Classification
from triage_portal.mail import queue_email
from usecases.models import Submission, SupportingParty
from usecases.support_links import support_link


def may_carry_substance(submission: Submission) -> bool:
    """Return whether an e-mail may quote the proposal's title and content."""
    return submission.classification in (Classification.WHITE, Classification.GREEN)


def request_support_confirmation(supporter_id: int) -> None:
    """E-mail a supporter the signed link to confirm or decline support."""
    supporter = SupportingParty.objects.select_related("submission", "sec_party").get(
        pk=supporter_id
    )
    submission = supporter.submission
    queue_email(
        template="support_request",
        to=[supporter.email],
        context={
            "supporter": supporter,
            "submission": submission,
            "substance": may_carry_substance(submission),
            "link": support_link(supporter),
            "days": settings.SUPPORT_LINK_MAX_AGE_DAYS,
        },
    )


def notify_submitted(submission_id: int) -> None:
    """Tell the secretariat, and the proposer, that a proposal arrived."""
    submission = Submission.objects.get(pk=submission_id)
    link = settings.PORTAL_BASE_URL + reverse("usecases:proposal-detail", args=[submission.pk])
    context = {"submission": submission, "substance": may_carry_substance(submission), "link": link}
    queue_email(
        template="proposal_submitted_secretariat", to=[settings.SECRETARIAT_EMAIL], context=context
    )
    if submission.proposer_email:
        queue_email(
            template="proposal_submitted_proposer", to=[submission.proposer_email], context=context
        )
