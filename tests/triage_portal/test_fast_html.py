"""triage_portal/fast_html.py gives what Django's own escaping and labels give."""

import pytest
from django.utils.functional import lazy
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from triage_portal.fast_html import escape, label_of
from usecases.models import Submission

lazy_text = lazy(lambda: "<lazy & 'quoted'>", str)()


@pytest.mark.parametrize(
    "value",
    ["plain", "<b>&\"'</b>", mark_safe("<b>kept</b>"), 7, None, 2.5, lazy_text, ""],
)
def test_escape_is_conditional_escape(value):
    assert escape(value) == str(conditional_escape(value))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("state", "UNDER_ASSESSMENT"),
        ("state", "DRAFT"),
        ("kind", "SC_MODIFICATION"),
        ("classification", "AMBER"),
        ("classification", "NOT_A_LEVEL"),  # unknown: the value itself, as Django gives it
    ],
)
def test_label_of_is_get_display(name, value):
    submission = Submission(**{name: value})

    assert label_of(submission, name) == getattr(submission, f"get_{name}_display")()
