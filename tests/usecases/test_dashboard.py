import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.proposals import draft_proposal, submitted_proposal
from tests.factories.states import proposal_in_state
from usecases.models import Submission
from usecases.presentation.charts import Bar, BarChart
from usecases.selectors.dashboard import age_chart, attention, pipeline_chart

pytestmark = pytest.mark.django_db


def test_bar_lengths_are_proportional_and_the_words_say_what_the_bars_show():
    chart = BarChart(
        "c", "Proposals by state", "proposals", [Bar("A", 4), Bar("B", 2), Bar("C", 0)]
    )

    widths = [bar.width for bar in chart.laid_out]

    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert chart.describe == "Proposals by state, 6 proposals in all: A 4; B 2."
    assert BarChart("e", "Nothing", "proposals").describe == "Nothing: none."


def test_pipeline_counts_what_the_viewer_may_see(proposer, secretariat, other_proposer):
    submitted_proposal(proposer)
    submitted_proposal(proposer)
    draft_proposal(proposer)
    hidden = submitted_proposal(proposer)
    Submission.objects.filter(pk=hidden.pk).update(classification="RED")

    mine = {bar.label: bar.value for bar in pipeline_chart(secretariat).bars}
    theirs = {bar.label: bar.value for bar in pipeline_chart(other_proposer).bars}

    assert mine["Submitted"] == 3 and "Draft" not in mine
    assert theirs["Submitted"] == 0  # AMBER and RED items of another organisation: not counted


def test_time_in_state_bands_and_overdue_clarifications(proposer, secretariat):
    old = proposal_in_state("CLARIFICATION_REQUESTED", proposer=proposer, secretariat=secretariat)
    Submission.objects.filter(pk=old.pk).update(
        state_changed_at=timezone.now() - datetime.timedelta(days=60), q6_urgent="YES"
    )
    old.clarifications.update(due_on=timezone.localdate() - datetime.timedelta(days=3))
    recent = submitted_proposal(proposer)
    Submission.objects.filter(pk=recent.pk).update(q6_urgent="NO")

    bands = {bar.label: bar.value for bar in age_chart(secretariat).bars}
    figures = attention(secretariat)

    assert bands["More than 20 working days"] == 1 and bands["Up to 5 working days"] == 1
    assert (figures.urgent, figures.clarifications_overdue) == (1, 1)


def test_the_secretariat_home_shows_the_charts_with_text_alternatives(client, secretariat):
    client.force_login(secretariat)

    page = client.get(reverse("home")).text

    assert 'role="img"' in page and '<title id="pipeline-title">Proposals by state</title>' in page
    assert "Show the figures as a table" in page
    assert "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]  # CSP: no inline style


def test_time_in_state_bands_agree_with_counting_working_days_row_by_row(proposer, secretariat):
    from triage_portal.workdays import working_days_between
    from usecases.models import BankHoliday
    from usecases.selectors.dashboard import AGE_BANDS

    today = timezone.localdate()
    holidays = set(BankHoliday.objects.values_list("date", flat=True))
    expected = [0] * len(AGE_BANDS)
    for offset in range(0, 45, 2):
        item = submitted_proposal(proposer)
        changed = timezone.now() - datetime.timedelta(days=offset)
        Submission.objects.filter(pk=item.pk).update(state_changed_at=changed)
        days = working_days_between(timezone.localdate(changed), today, holidays)
        expected[next(i for i, (top, _) in enumerate(AGE_BANDS) if top is None or days <= top)] += 1

    assert [bar.value for bar in age_chart(secretariat).bars] == expected


def test_chart_text_keeps_its_size_at_any_width(client, secretariat, proposer):
    submitted_proposal(proposer)
    client.force_login(secretariat)

    svg = client.get(reverse("home")).text.split('<svg class="portal-chart__svg"', 1)[1]
    svg = svg.split("</svg>", 1)[0]

    assert "viewBox" not in svg  # no scaling, so 16px text stays 16px on a 320px screen
    assert 'width="85.0%"' in svg  # the longest bar, as a share of whatever width there is


def test_figures_are_kept_until_the_next_change(proposer, secretariat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from triage_portal.perf.memo import RequestMemoMiddleware
    from usecases import workflow

    first = submitted_proposal(proposer)
    Submission.objects.filter(pk=first.pk).update(q6_urgent="YES")

    def in_a_request(ask):  # figures are kept across requests, never outside one
        return RequestMemoMiddleware(lambda request: ask())(None)

    assert in_a_request(lambda: attention(secretariat).urgent) == 1
    in_a_request(lambda: age_chart(secretariat))
    with CaptureQueriesContext(connection) as queries:
        assert in_a_request(lambda: attention(secretariat).urgent) == 1
        assert in_a_request(lambda: sum(bar.value for bar in age_chart(secretariat).bars)) == 1
    assert not any("COUNT(" in q["sql"].upper() for q in queries)  # both kept
    workflow.withdraw_proposal(submission_id=first.pk, user=proposer, reason="No longer needed")

    assert attention(secretariat).urgent == 0
    assert sum(bar.value for bar in age_chart(secretariat).bars) == 0
