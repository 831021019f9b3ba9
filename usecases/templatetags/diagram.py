from django import template
from django.utils.safestring import mark_safe

from usecases.presentation.diagram import state_diagram_svg

register = template.Library()


@register.simple_tag
def state_diagram(state: str | None = None) -> str:
    """Render the generated process diagram, highlighting a state."""
    return mark_safe(state_diagram_svg(state or None))  # noqa: S308 -- SVG we generate; labels are our enum labels
