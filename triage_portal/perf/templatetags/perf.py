"""Template tags of the speed machinery (perf/README.md).

{% change_stamp as stamp %}: the version to key a {% cache %} fragment on.
{% jinja_fragment "name" key=value %}: a hot fragment drawn by Django's Jinja2 backend.
"""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from triage_portal.perf.stamp import request_stamp

register = template.Library()


@register.simple_tag
def change_stamp() -> str:
    """Return this request's change stamp, or "" when nothing may be kept (then render afresh)."""
    return request_stamp() or ""


@register.simple_tag
def jinja_fragment(template_name: str, **context) -> str:
    """Render a fragment with the "jinja2" engine, given only the named values.

    The engine autoescapes, so what it returns is safe markup.
    """
    return mark_safe(engines["jinja2"].get_template(template_name).render(context))  # noqa: S308
