"""reverse() for URLs whose arguments are whole numbers, from a pattern worked out once.

Django's reverse() costs 80–380 µs a call on these machines: a list of fifty proposals, a link
on each row, spent longer on its links than on its query. A URL such as
/proposals/<int:pk>/ is the same text around its numbers every time, so it is reversed once
with probe numbers, turned into a pattern, and checked against reverse() with other probes
before it is used. Anything else (keyword arguments, text, a URL the probes do not fit) goes
to reverse() as before.
"""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

PROBES = ((918273645, 918273646, 918273647), (827364519, 827364518, 827364517))


@functools.lru_cache(maxsize=1024)
def _pattern(view_name: str, count: int, current_app, prefix: str, urlconf) -> str | None:
    try:
        url = reverse(view_name, args=PROBES[0][:count], current_app=current_app)
        check = reverse(view_name, args=PROBES[1][:count], current_app=current_app)
    except NoReverseMatch:
        return None
    pattern = url.replace("{", "{{").replace("}", "}}")
    for index, probe in enumerate(PROBES[0][:count]):
        if pattern.count(str(probe)) != 1:
            return None
        pattern = pattern.replace(str(probe), f"{{{index}}}")
    return pattern if pattern.format(*PROBES[1][:count]) == check else None


def reverse_numbers(view_name: str, args, current_app=None) -> str:
    """reverse(view_name, args=args) for whole-number args, from the view's pattern."""
    if all(type(arg) is int and arg >= 0 for arg in args):
        pattern = _pattern(
            view_name,
            len(args),
            current_app,
            get_script_prefix(),
            (settings.ROOT_URLCONF, get_urlconf()),
        )
        if pattern is not None:
            return pattern.format(*args)
    return reverse(view_name, args=args, current_app=current_app)
