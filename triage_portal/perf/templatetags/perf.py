"""{% change_stamp as stamp %}: the version to key a {% cache %} fragment on (perf/README.md)."""

from django import template

from triage_portal.perf.stamp import request_stamp

register = template.Library()


@register.simple_tag
def change_stamp() -> str:
    """Return this request's change stamp, or "" when nothing may be kept (then render afresh)."""
    return request_stamp() or ""
