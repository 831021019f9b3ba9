"""Reminders before and on due dates, run daily by the send_reminders command."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from triage_portal.workdays import subtract_working_days
from usecases.models import ClarificationRequest, Referral
from usecases.selectors.proposals import bank_holidays
from usecases.workflow.notifications import notify_event


def _reminder_due(due_on: datetime.date, today: datetime.date, holidays: set) -> bool:
    before = subtract_working_days(due_on, settings.PORTAL_REMINDER_WORKING_DAYS, holidays)
    return today in (before, due_on)


@transaction.atomic
def send_due_reminders(today: datetime.date | None = None) -> dict[str, int]:
    """Remind proposers of questions, and the secretariat of referrals, that are due soon.

    Reminders go a configurable number of working days before the due date and on the day;
    each item is reminded at most once a day. Returns how many items were reminded.
    """
    today = today or timezone.localdate()
    holidays = bank_holidays()
    counts = {"clarifications": 0, "referrals": 0}
    requests = ClarificationRequest.objects.select_for_update().filter(
        answered_at__isnull=True, due_on__gte=today
    )
    for request in requests:
        if request.reminded_on != today and _reminder_due(request.due_on, today, holidays):
            notify_event(
                request.submission_id, "clarification_reminder", {"due_on": request.due_on}
            )
            request.reminded_on = today
            request.save(update_fields=["reminded_on"])
            counts["clarifications"] += 1
    referrals = Referral.objects.select_for_update().filter(outcome="", due_on__gte=today)
    for referral in referrals:
        if referral.reminded_on != today and _reminder_due(referral.due_on, today, holidays):
            notify_event(
                referral.submission_id,
                "referral_reminder",
                {"due_on": referral.due_on, "body": referral.get_body_display()},
            )
            referral.reminded_on = today
            referral.save(update_fields=["reminded_on"])
            counts["referrals"] += 1
    return counts
