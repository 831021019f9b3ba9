"""The proposal-row tags write what the template rows they replaced wrote, character for character."""

import datetime
import itertools

import pytest
from django.template import Context, Template
from django.utils import timezone

from usecases.models import Submission

# The rows as the templates drew them before the tags (2026-11-29).
QUEUE_ROW = (  # templates/usecases/workspace/queue.html
    "{% load proposals govuk %}"
    '    <tr class="govuk-table__row">\n'
    '      <td class="govuk-table__cell">{% if submission.reference %}<span class="govuk-caption-s">{{ submission.reference }}</span><br>{% endif %}<a class="govuk-link" href="{% url \'usecases:proposal-detail\' submission.pk %}">{{ submission }}</a><br><span class="govuk-body-s">{{ submission.get_kind_display }} · {{ submission.proposer_organisation_name }}</span></td>\n'
    '      <td class="govuk-table__cell">{% state_tag submission %}</td>\n'
    '      <td class="govuk-table__cell">{{ submission.days_in_state }}</td>\n'
    '      <td class="govuk-table__cell">{% if submission.is_urgent %}<strong class="govuk-tag govuk-tag--pink">Urgent</strong> {% endif %}{% if submission.clarification_overdue %}<strong class="govuk-tag govuk-tag--red">Clarification overdue</strong> {% endif %}{% if submission.referral_overdue %}<strong class="govuk-tag govuk-tag--red">Referral overdue</strong>{% endif %} {% classification_tag submission.classification submission.get_classification_display %}</td>\n'
    "    </tr>\n"
)
PROPOSER_ROW = (  # templates/usecases/submission/list.html
    "{% load proposals %}"
    '    <tr class="govuk-table__row">\n'
    '      <td class="govuk-table__cell">{% if submission.reference %}<span class="govuk-caption-s">{{ submission.reference }}</span> {% endif %}{% if submission.is_draft %}{{ submission }}{% else %}<a class="govuk-link" href="{% url \'usecases:proposal-detail\' submission.pk %}">{{ submission }}</a>{% endif %}</td>\n'
    '      <td class="govuk-table__cell">{{ submission.get_kind_display }}</td>\n'
    '      <td class="govuk-table__cell">{% state_tag submission %}</td>\n'
    '      <td class="govuk-table__cell">{{ submission.updated_at|date:"j M Y, H:i" }}</td>\n'
    '      <td class="govuk-table__cell">\n'
    '        <div class="portal-actions">\n'
    "        {% if submission.is_draft %}\n"
    '          <a class="govuk-link" href="{% url \'usecases:proposal-tasks\' submission.pk %}">Continue<span class="govuk-visually-hidden"> {{ submission }}</span></a>\n'
    '          <a class="govuk-link" href="{% url \'usecases:proposal-delete\' submission.pk %}">Delete<span class="govuk-visually-hidden"> draft {{ submission }}</span></a>\n'
    "        {% endif %}\n"
    "        </div>\n"
    "      </td>\n"
    "    </tr>\n"
)
RECENT_ROW = (  # templates/home_committee.html
    "{% load proposals govuk %}"
    '    <tr class="govuk-table__row">\n'
    '      <td class="govuk-table__cell"><a class="govuk-link" href="{% url \'usecases:proposal-detail\' submission.pk %}">{{ submission }}</a><br><span class="govuk-body-s">{{ submission.get_kind_display }}</span></td>\n'
    '      <td class="govuk-table__cell">{{ submission.proposer_organisation_name }}</td>\n'
    '      <td class="govuk-table__cell">{% state_tag submission %}</td>\n'
    '      <td class="govuk-table__cell">{% classification_tag submission.classification submission.get_classification_display %}</td>\n'
    '      <td class="govuk-table__cell">{{ submission.submitted_at|date:"j M Y" }}</td>\n'
    "    </tr>\n"
)
TAGS = {"queue_row": QUEUE_ROW, "proposer_row": PROPOSER_ROW, "recent_proposal_row": RECENT_ROW}

# 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (British Summer Time).
LATE = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)


def _submission(reference, urgent, flagged, classification, title, kind, state, submitted):
    submission = Submission(
        pk=42,
        kind=kind,
        state=state,
        reference=reference,
        use_case_title=title,
        sc_mod_title="",
        proposer_organisation_name="E.ON <Energy> & Co",
        q6_urgent="YES" if urgent else "NO",
        classification=classification,
        updated_at=LATE,
        submitted_at=submitted,
    )
    submission.days_in_state = 7
    submission.clarification_overdue = flagged
    submission.referral_overdue = not flagged
    return submission


CASES = list(
    itertools.product(
        ["", "SSC-UC-2026-007"],
        [False, True],
        [False, True],
        ["RED", "AMBER", "GREEN", "WHITE"],
        ["Meter Triage – Deployment of <Vanilla> DNO Certificates", ""],
        ["USE_CASE", "SC_MODIFICATION"],
        ["DRAFT", "UNDER_ASSESSMENT"],
        [None, LATE],
    )
)
SOME = CASES[:: len(CASES) // 20] + CASES[-2:]


@pytest.mark.parametrize(("tag", "case"), list(itertools.product(TAGS, SOME)))
def test_the_tag_writes_the_templates_row(tag, case):
    context = Context({"submission": _submission(*case)})

    written = Template(f"{{% load proposal_rows %}}    {{% {tag} submission %}}\n").render(context)

    assert written == Template(TAGS[tag]).render(context)
    assert "&lt;Vanilla&gt;" in written or not case[4]


def test_dates_are_the_portals_local_dates():
    context = Context(
        {"submission": _submission("", False, False, "RED", "T", "USE_CASE", "SUBMITTED", LATE)}
    )

    assert "1 Apr 2026, 00:30" in Template(
        "{% load proposal_rows %}{% proposer_row submission %}"
    ).render(context)
    assert "1 Apr 2026" in Template(
        "{% load proposal_rows %}{% recent_proposal_row submission %}"
    ).render(context)
    assert timezone.get_current_timezone_name() == "Europe/London"


def test_a_draft_has_its_actions_and_a_submission_its_link():
    def row(state):
        submission = _submission("", False, False, "RED", "T", "USE_CASE", state, None)
        return Template("{% load proposal_rows %}{% proposer_row s %}").render(
            Context({"s": submission})
        )

    assert "/proposals/42/tasks/" in row("DRAFT") and "/proposals/42/delete/" in row("DRAFT")
    assert 'href="/proposals/42/"' not in row("DRAFT")
    assert 'href="/proposals/42/"' in row("SUBMITTED") and "Continue" not in row("SUBMITTED")


def test_every_flag_and_a_reference_show():
    submission = _submission(
        "SSC-UC-2026-007", True, True, "RED", "T", "USE_CASE", "SUBMITTED", None
    )
    submission.referral_overdue = True
    row = Template("{% load proposal_rows %}{% queue_row s %}").render(Context({"s": submission}))

    for shown in ("SSC-UC-2026-007", "Urgent", "Clarification overdue", "Referral overdue"):
        assert shown in row
    assert 'href="/proposals/42/"' in row


def test_a_reference_and_the_title_are_two_words():
    submission = _submission(
        "UCR-2026-002", False, False, "AMBER", "Meter Triage", "USE_CASE", "SUBMITTED", None
    )

    row = Template("{% load proposal_rows %}{% proposer_row s %}").render(
        Context({"s": submission})
    )

    assert '<span class="govuk-caption-s">UCR-2026-002</span> <a class="govuk-link"' in row
