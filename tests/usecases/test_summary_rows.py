"""The summary_row tag writes what the included template row wrote, character for character."""

import itertools

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from usecases.models import Submission

# The template the tag replaced (templates/usecases/submission/_row.html), kept here to compare.
OLD_ROW = (
    '<div class="govuk-summary-list__row{% if long %} portal-row--stacked{% endif %}'
    '{% if not change or not slug %} govuk-summary-list__row--no-actions{% endif %}">\n'
    '  <dt class="govuk-summary-list__key">{{ key }}</dt>\n'
    '  <dd class="govuk-summary-list__value">{% if value %}{% if long %}'
    '<p class="govuk-body portal-pre">{{ value }}</p>{% else %}{{ value }}{% endif %}'
    '{% else %}<span class="govuk-hint govuk-!-margin-0">Not answered</span>{% endif %}</dd>\n'
    '  {% if change and slug %}<dd class="govuk-summary-list__actions"><a class="govuk-link" '
    "href=\"{% url 'usecases:proposal-section' submission.pk slug %}?return=check\">Change"
    '<span class="govuk-visually-hidden"> {{ key|lower }}</span></a></dd>{% endif %}\n'
    "</div>\n"
)

VALUES = ["", None, "A & B <b>", "Line one\nline two", mark_safe("Doc &amp; Co, SC 2")]
KEYS = ['"1. What issue? (Why <not>)"', "asked"]


@pytest.mark.parametrize(
    ("key", "value", "slug", "long", "change"),
    list(itertools.product(KEYS, VALUES, ['"issue"', '""'], [True, False], [True, False])),
)
def test_the_tag_writes_the_included_row(key, value, slug, long, change):
    arguments = f"key={key} value=value slug={slug}" + (" long=True" if long else "")
    context = {
        "value": value,
        "asked": "Who's <asking> & why",
        "change": change,
        "submission": Submission(pk=42),
    }

    written = Template(f"{{% load summary_rows %}}<dl>{{% summary_row {arguments} %}}</dl>").render(
        Context(context)
    )
    included = Template("<dl>{% with " + arguments + " %}" + OLD_ROW + "{% endwith %}</dl>").render(
        Context(context)
    )

    assert written == included
