"""The bench's clock splits a render's time between the template engine and SQL."""

import pytest
from django.template import engines

from bench.timing import CLOCK, TimedTemplate
from triage_portal.accounts.models import User


@pytest.fixture
def timed_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "BACKEND": "bench.timing.TimedTemplates", "NAME": "django"}
    ]
    return engines["django"]


@pytest.mark.django_db
def test_sql_run_while_a_template_renders_is_counted_as_sql(timed_templates, proposer):
    template = timed_templates.from_string("{% for u in users %}{{ u.email }}{% endfor %}")
    assert isinstance(template, TimedTemplate)
    with CLOCK.request():
        html = template.render({"users": User.objects.all()})
    assert html == proposer.email
    assert CLOCK.queries == 1
    assert 0 < CLOCK.sql_in_template == CLOCK.sql <= CLOCK.template


@pytest.mark.django_db
def test_sql_outside_a_template_is_not_template_time(timed_templates, proposer):
    with CLOCK.request():
        assert User.objects.count() == 1
    assert CLOCK.queries == 1
    assert CLOCK.sql > 0
    assert CLOCK.sql_in_template == 0
    assert CLOCK.template == 0
