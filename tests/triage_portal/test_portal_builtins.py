"""The portal's |date writes what Django's writes, for every format the templates use."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation

from triage_portal.templatetags.portal_builtins import date as portal_date

LONDON = ZoneInfo("Europe/London")


def formats_in_templates() -> set[str]:
    found = set()
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        found |= set(re.findall(r'\|date:"([^"]*)"', path.read_text()))
    return found


FORMATS = sorted(formats_in_templates() | {"D d.m.Y", "N j, Y", r"\Y\e\s j", "jS F Y", "H:i"})
MOMENTS = [
    datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)
    for year, month, day, hour, minute in [
        (2019, 8, 7, 9, 5),
        (2026, 1, 1, 0, 0),
        (2026, 3, 29, 1, 30),
        (2026, 9, 30, 23, 59),
        (2028, 2, 29, 12, 0),
        (999, 12, 31, 7, 7),
    ]
]


def test_the_templates_formats_are_all_checked():
    assert {"j F Y", "j M Y, H:i", "l j F Y", "DATETIME_FORMAT"} <= set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_dates_and_times_are_written_as_django_writes_them(fmt):
    for moment in MOMENTS:
        assert portal_date(moment, fmt) == django_date(moment, fmt), (moment, fmt)
        day = moment.date()
        try:
            expected = django_date(day, fmt)
        except TypeError:  # a time of day asked of a date: Django refuses, and so do we
            with pytest.raises(TypeError):
                portal_date(day, fmt)
        else:
            assert portal_date(day, fmt) == expected, (day, fmt)


@pytest.mark.parametrize("value", [None, "", "not a date", 17])
def test_anything_else_is_left_to_django(value):
    assert portal_date(value, "j M Y") == django_date(value, "j M Y")


def test_in_a_template_the_time_is_local_time():
    utc = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    source = '{{ when|date:"j M Y, H:i" }}'

    with timezone.override(LONDON):
        written = engines["django"].from_string(source).render({"when": utc})

    assert written == "2 Jul 2026, 00:30"


@pytest.mark.parametrize("language", ["en-gb", "cy", "fr", "de"])
def test_names_are_in_the_active_language(language):
    with translation.override(language):
        for moment in MOMENTS:
            for fmt in ("l j F Y", "D j M Y"):
                assert portal_date(moment, fmt) == django_date(moment, fmt), (language, fmt)
