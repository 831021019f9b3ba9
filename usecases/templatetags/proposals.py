import datetime

from django import template
from django.utils import timezone

from triage_portal.templatetags.govuk import CLASSIFICATION_TAG_COLOURS
from triage_portal.workdays import working_days_between
from usecases.presentation.timeline import describe
from usecases.selectors.proposals import annex_contact_details, bank_holidays

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
    days = working_days_between(today, due, bank_holidays())
    if days <= 0:
        return ""
    return f"{days} working day{'' if days == 1 else 's'} left"


STATE_TAG_COLOURS = {
    "DRAFT": "govuk-tag--grey",
    "SUBMITTED": "govuk-tag--blue",
    "WITHDRAWN": "govuk-tag--red",
}


@register.simple_tag
def tag_colours() -> dict[str, dict[str, str]]:
    """Return the tag colours of states and levels, for a Jinja2 fragment's rows.

    A state not named is green; a level not named is grey (as state_tag and classification_tag).
    """
    return {"state": STATE_TAG_COLOURS, "classification": CLASSIFICATION_TAG_COLOURS}


@register.inclusion_tag("includes/tags/state_tag.html")
def state_tag(submission) -> dict:
    """The tag of a proposal's state."""
    return {
        "colour": STATE_TAG_COLOURS.get(submission.state, "govuk-tag--green"),
        "label": submission.get_state_display(),
    }


@register.simple_tag
def annex_contacts(submission, level) -> dict:
    """The contact details a paper's annex at this level may print (the selector decides)."""
    return annex_contact_details(submission, level)
