from django import template

from usecases.timeline import describe

register = template.Library()


@register.filter
def describe_action(entry) -> str:
    """Return the timeline sentence for an ActivityLog entry."""
    return describe(entry)
