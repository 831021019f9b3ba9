"""Age the demo proposals so their "working days in state" read as a real queue does (demo only).

The services stamp the current time, so a freshly loaded demo has every proposal entered its
state today (0 working days). This moves each demo proposal's own dates back after the fact.
The activity log is append-only and hash-chained (a database trigger refuses UPDATE, and
verify_audit rehashes each entry's time), so its entries keep the day the demo was loaded:
only the proposal's dates move, and the audit chain stays intact.
"""

import datetime

from django.utils import timezone

from assessments.models import Decision
from triage_portal.workdays import add_working_days, subtract_working_days
from usecases.enums import SubmissionState as S
from usecases.models import Submission
from usecases.selectors.proposals import bank_holidays

DEMO_ACCOUNTS = "@demo.example.com"

# State: (working days in the state, working days since it was submitted).
DEMO_AGES = {
    S.DRAFT: (6, None),
    S.SUBMITTED: (3, 3),
    S.RETURNED: (5, 11),
    S.REGISTERED: (4, 8),
    S.INITIAL_CONSIDERATION: (7, 15),
    S.CLARIFICATION_REQUESTED: (4, 22),
    S.UNDER_ASSESSMENT: (12, 30),
    S.AWAITING_EXTERNAL_VIEWS: (9, 41),
    S.CONSULTATION: (14, 45),
    S.DECISION_PENDING: (5, 50),
    S.ON_HOLD: (18, 40),
    S.WITHDRAWN: (15, 20),
}
DEFAULT_AGE = (10, 30)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _loaded_today(moment: datetime.datetime, today: datetime.date) -> bool:
    return timezone.localtime(moment).date() >= today - datetime.timedelta(days=1)


def age_demo_proposals(today: datetime.date | None = None) -> int:
    """Move freshly loaded demo proposals' dates back by their DEMO_AGES; return how many moved.

    A proposal decided at a held meeting entered its state on the meeting's day. Only demo
    accounts' proposals that have not been aged (created today) move, so loading again is a no-op.
    """
    today = today or timezone.localdate()
    holidays = bank_holidays()
    decided_on = {
        decision.submission_id: decision.meeting.date
        for decision in Decision.objects.filter(
            submission__isnull=False, meeting__isnull=False
        ).select_related("meeting")
    }
    fresh = Submission.objects.filter(
        created_by__email__iendswith=DEMO_ACCOUNTS,
        created_at__date__gte=today - datetime.timedelta(days=1),
    )
    moved = 0
    for submission in fresh:
        in_state, since_submitted = DEMO_AGES.get(submission.state, DEFAULT_AGE)
        entered = decided_on.get(submission.pk) or subtract_working_days(today, in_state, holidays)
        dates = {"state_changed_at": _at(entered, 11), "updated_at": _at(entered, 11)}
        if submission.submitted_at is None:
            dates["created_at"] = _at(entered, 9)
        else:
            # A date the demo set on purpose (the seed paper's 2019 submission) stays.
            if _loaded_today(submission.submitted_at, today):
                days_back = since_submitted or in_state
                submitted = min(subtract_working_days(today, days_back, holidays), entered)
                dates.update(
                    submitted_at=_at(submitted, 10), declaration_accepted_at=_at(submitted, 10)
                )
            else:
                submitted = timezone.localtime(submission.submitted_at).date()
            dates["created_at"] = _at(subtract_working_days(submitted, 3, holidays), 9)
            if submission.registered_at is not None:
                registered = min(add_working_days(submitted, 2, holidays), entered)
                dates["registered_at"] = _at(registered, 14)
        # A demo-only rewrite of timestamps the services set; nothing else about it changes.
        Submission.objects.filter(pk=submission.pk).update(**dates)
        moved += 1
    return moved
