import datetime

from django import template
from django.utils import timezone

from triage_portal.workdays import working_days_between
from usecases.models import BankHoliday
from usecases.timeline import describe

register = template.Library()


@register.filter
def describe_action(entry) -> str:
    """Return the timeline sentence for an ActivityLog entry."""
    return describe(entry)


@register.filter
def working_days_left(due: datetime.date | None) -> str:
    """Return "3 working days left", "due today" or "" (for no date, or a date gone by)."""
    if due is None:
        return ""
    today = timezone.localdate()
    if due == today:
        return "due today"
    holidays = BankHoliday.objects.filter(date__gt=today, date__lte=due).values_list(
        "date", flat=True
    )
    days = working_days_between(today, due, set(holidays))
    if days <= 0:
        return ""
    return f"{days} working day{'' if days == 1 else 's'} left"
