"""The Jinja2 environment of the few hot fragments drawn with Django's own Jinja2 backend.

A fragment with one row per item (a list of a hundred proposals) spends most of its time in the
template engine; Jinja2 compiles a template to Python and draws the same rows several times
faster. The environment offers what those fragments use of Django's built-ins, called as
shipped: `url()` is `django.urls.reverse`, and the `date` filter is Django's own `date`
filter, given the value in the current time zone as Django's template engine gives it.
Autoescaping is on (the backend's default).
"""

from django.template.defaultfilters import date as django_date
from django.urls import reverse
from django.utils.timezone import template_localtime
from jinja2 import Environment


def url(viewname: str, *args) -> str:
    """Return the path of a named URL, as {% url %} does."""
    return reverse(viewname, args=args)


def date(value, arg=None) -> str:
    """Format a date or datetime in the current time zone, as Django's |date does."""
    return django_date(template_localtime(value), arg)


def environment(**options) -> Environment:
    """Return the environment Django's Jinja2 backend renders the fragments with."""
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, **options)
    env.globals["url"] = url
    env.filters["date"] = date
    return env
