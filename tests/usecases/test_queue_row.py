"""The workspace queue's row tag writes what the template row it replaced wrote."""

import itertools

import pytest
from django.template import Context, Template

from usecases.models import Submission

# The row as templates/usecases/workspace/queue.html drew it before the tag (2026-11-29).
TEMPLATE_ROW = (
    "{% load proposals govuk %}"
    '    <tr class="govuk-table__row">\n'
    '      <td class="govuk-table__cell">{% if submission.reference %}<span class="govuk-caption-s">{{ submission.reference }}</span><br>{% endif %}<a class="govuk-link" href="{% url \'usecases:proposal-detail\' submission.pk %}">{{ submission }}</a><br><span class="govuk-body-s">{{ submission.get_kind_display }} · {{ submission.proposer_organisation_name }}</span></td>\n'
    '      <td class="govuk-table__cell">{% state_tag submission %}</td>\n'
    '      <td class="govuk-table__cell">{{ submission.days_in_state }}</td>\n'
    '      <td class="govuk-table__cell">{% if submission.is_urgent %}<strong class="govuk-tag govuk-tag--pink">Urgent</strong> {% endif %}{% if submission.clarification_overdue %}<strong class="govuk-tag govuk-tag--red">Clarification overdue</strong> {% endif %}{% if submission.referral_overdue %}<strong class="govuk-tag govuk-tag--red">Referral overdue</strong>{% endif %} {% classification_tag submission.classification submission.get_classification_display %}</td>\n'
    "    </tr>\n"
)


def _submission(reference, urgent, clarification, referral, classification, title, kind):
    submission = Submission(
        pk=42,
        kind=kind,
        state="UNDER_ASSESSMENT",
        reference=reference,
        use_case_title=title,
        sc_mod_title="",
        proposer_organisation_name="E.ON <Energy> & Co",
        q6_urgent="YES" if urgent else "NO",
        classification=classification,
    )
    submission.days_in_state = 7
    submission.clarification_overdue = clarification
    submission.referral_overdue = referral
    return submission


CASES = list(
    itertools.product(
        ["", "SSC-UC-2026-007"],
        [False, True],
        [False, True],
        [False, True],
        ["RED", "AMBER", "GREEN", "WHITE"],
        ["Meter Triage – Deployment of <Vanilla> DNO Certificates", ""],
        ["USE_CASE", "SC_MODIFICATION"],
    )
)


@pytest.mark.parametrize("case", CASES[:: len(CASES) // 24] + CASES[-2:])
def test_the_tag_writes_the_templates_row(case):
    submission = _submission(*case)
    context = Context({"submission": submission})

    written = Template("{% load proposals %}    {% queue_row submission %}\n").render(context)

    assert written == Template(TEMPLATE_ROW).render(context)
    assert "&lt;Vanilla&gt;" in written or not case[5]


def test_every_flag_and_a_reference_show():
    row = Template("{% load proposals %}{% queue_row s %}").render(
        Context({"s": _submission("SSC-UC-2026-007", True, True, True, "RED", "T", "USE_CASE")})
    )

    for shown in ("SSC-UC-2026-007", "Urgent", "Clarification overdue", "Referral overdue"):
        assert shown in row
    assert 'href="/proposals/42/"' in row
