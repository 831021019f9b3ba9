"""A row of a proposal's answers (a GOV.UK summary list row), written in Python.

The proposal page and its check page draw some 25 of them; as an included template each took
0.1-0.2 ms (a new context, a dozen lookups), a tenth of the page. The tag writes the markup
the template wrote, character for character (tests/usecases/test_summary_rows.py renders the
two and compares them).
"""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from triage_portal.fast_html import escape

register = template.Library()


def _lower(key):
    """key|lower: still safe text if it was (a literal in a template is)."""
    lowered = str(key).lower()
    return mark_safe(lowered) if hasattr(key, "__html__") else lowered  # noqa: S308 -- was safe


NOT_ANSWERED = '<span class="govuk-hint govuk-!-margin-0">Not answered</span>'


@register.simple_tag(takes_context=True)
def summary_row(context, key, value, slug, long=False) -> str:
    """One answer: its question, its value (or "Not answered"), and a change link when editing."""
    change = context.get("change")
    classes = "govuk-summary-list__row"
    if long:
        classes += " portal-row--stacked"
    if not change or not slug:
        classes += " govuk-summary-list__row--no-actions"
    if not value:
        shown = NOT_ANSWERED
    elif long:
        shown = f'<p class="govuk-body portal-pre">{escape(value)}</p>'
    else:
        shown = escape(value)
    action = ""
    if change and slug:
        url = reverse("usecases:proposal-section", args=[context["submission"].pk, slug])
        action = (
            f'<dd class="govuk-summary-list__actions"><a class="govuk-link" href="{escape(url)}'
            f'?return=check">Change<span class="govuk-visually-hidden"> '
            f"{escape(_lower(key))}</span></a></dd>"
        )
    return mark_safe(  # noqa: S308 -- every value escaped
        f'<div class="{classes}">\n'
        f'  <dt class="govuk-summary-list__key">{escape(key)}</dt>\n'
        f'  <dd class="govuk-summary-list__value">{shown}</dd>\n'
        f"  {action}\n"
        f"</div>\n"
    )
