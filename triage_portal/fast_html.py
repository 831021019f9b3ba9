"""Escaping and choice labels for markup written in Python, a row at a time.

Django's conditional_escape and format_html wrap every call to look for lazy strings, and a
model's get_FOO_display() builds a dictionary of all the field's choices on every call. A list
of fifty rows asks each several times per row: 180 µs a row for the workspace queue. These do
the same for plain values, at a fraction of the cost.
"""

import html
from functools import cache

from django.db.models import Model


def escape(value) -> str:
    """conditional_escape(value) as text: safe text (anything with __html__) as it is, anything
    else as str() escaped, as django.utils.html.escape escapes it."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@cache
def _labels(model: type[Model], name: str) -> dict:
    return dict(model._meta.get_field(name).flatchoices)


def label_of(instance: Model, name: str) -> str:
    """instance.get_<name>_display(): the label of the field's value, or the value itself."""
    value = getattr(instance, name)
    return str(_labels(type(instance), name).get(value, value))
