"""Faster {% url %} and |date, the same output as Django's; template builtins (settings.TEMPLATES).

Both are drawn on every row of long lists, and Django's own cost 40–380 µs a call here:
- {% url %} with whole-number arguments fills them into the view's pattern
  (triage_portal.url_patterns); anything else goes to Django's tag;
- |date with a format of day, month, year, weekday, hour and minute is written directly;
  any other format, or value, goes to Django's filter.
"""

import datetime
import functools
import re

from django import template
from django.template.defaultfilters import date as django_date
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import get_language

from triage_portal.fast_html import escape
from triage_portal.url_patterns import reverse_numbers

register = template.Library()


class NumberURLNode(URLNode):
    def render(self, context):
        if self.kwargs or self.asvar:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = reverse_numbers(self.view_name.resolve(context), args, current_app)
        return escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return NumberURLNode(node.view_name, node.args, node.kwargs, node.asvar)


@functools.cache
def _names(language: str | None) -> dict[str, dict[int, str]]:
    """Month and day names in the language, translated once rather than on every date."""
    return {
        "M": {n: MONTHS_3[n].title() for n in MONTHS_3},
        "F": {n: str(MONTHS[n]) for n in MONTHS},
        "l": {n: str(WEEKDAYS[n]) for n in WEEKDAYS},
        "D": {n: str(WEEKDAYS_ABBR[n]) for n in WEEKDAYS_ABBR},
    }


DATE_PARTS = {
    "d": lambda v: f"{v.day:02d}",
    "j": lambda v: str(v.day),
    "m": lambda v: f"{v.month:02d}",
    "M": lambda v: _names(get_language())["M"][v.month],
    "F": lambda v: _names(get_language())["F"][v.month],
    "Y": lambda v: f"{v.year:04d}",
    "l": lambda v: _names(get_language())["l"][v.weekday()],
    "D": lambda v: _names(get_language())["D"][v.weekday()],
}
DATETIME_PARTS = DATE_PARTS | {"H": lambda v: f"{v.hour:02d}", "i": lambda v: f"{v.minute:02d}"}
# Every letter Django's date format gives a meaning to (django.utils.dateformat).
SPECIFIERS = re.compile(r"([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")


def _written(value, arg: str) -> str | None:
    """The value in the format, or None when the format is not one written here."""
    if type(value) not in (datetime.date, datetime.datetime) or "\\" in arg:
        return None
    parts = DATETIME_PARTS if type(value) is datetime.datetime else DATE_PARTS
    pieces = []
    for index, piece in enumerate(SPECIFIERS.split(arg)):
        if index % 2 == 0:
            pieces.append(piece)
        elif piece in parts:
            pieces.append(parts[piece](value))
        else:
            return None
    return "".join(pieces)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    written = _written(value, arg) if arg else None
    return django_date(value, arg) if written is None else written
