"""URLs filled into a pattern are the URLs reverse() gives."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from triage_portal.url_patterns import reverse_numbers


def named_patterns(resolver=None, namespace=""):
    """(name, number of arguments) for every named URL whose arguments are all whole numbers."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern, inner)
        elif pattern.name and isinstance(pattern.pattern, RoutePattern):
            converters = pattern.pattern.converters
            if all(isinstance(c, IntConverter) for c in converters.values()):
                yield f"{namespace}{pattern.name}", len(converters)


def test_every_numbered_url_of_the_portal_is_what_reverse_gives():
    patterns = list(named_patterns())
    assert len(patterns) > 40

    for name, count in patterns:
        for args in ([7] * count, list(range(1, count + 1)), [0] * count, [123456789] * count):
            assert reverse_numbers(name, args) == reverse(name, args=args), name


def test_anything_else_goes_to_reverse():
    assert reverse_numbers("usecases:proposal-detail", ["12"]) == "/proposals/12/"
    with pytest.raises(NoReverseMatch):
        reverse_numbers("usecases:proposal-detail", [-1])
    with pytest.raises(NoReverseMatch):
        reverse_numbers("usecases:no-such-page", [1])


def test_the_script_prefix_is_kept():
    set_script_prefix("/portal/")
    try:
        assert reverse_numbers("usecases:proposal-detail", [5]) == "/portal/proposals/5/"
    finally:
        set_script_prefix("/")
    assert reverse_numbers("usecases:proposal-detail", [5]) == "/proposals/5/"


def test_the_url_tag_writes_what_djangos_writes():
    request = RequestFactory().get("/")
    source = (
        "{% url 'usecases:proposal-detail' pk %}|{% url 'usecases:proposal-detail' pk=pk %}|"
        "{% url 'usecases:proposal-detail' pk as link %}{{ link }}|{% url 'home' %}"
    )

    written = engines["django"].from_string(source).render({"pk": 42}, request)

    assert written == "/proposals/42/|/proposals/42/|/proposals/42/|/"
