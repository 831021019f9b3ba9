"""The client address the rate limits count, behind trusted proxies (AXES_PROXY_COUNT)."""

from django.test import RequestFactory

from triage_portal.ratelimit import client_address


def request(forwarded: str = "", remote: str = "127.0.0.1"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_proxy_the_remote_address_counts_and_the_header_is_ignored(settings):
    settings.AXES_IPWARE_PROXY_COUNT = None

    assert client_address(request("203.0.113.9", remote="198.51.100.7")) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_saw_counts_not_the_clients_claim(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1

    assert client_address(request("203.0.113.9")) == "203.0.113.9"
    # A client sending its own header cannot choose its address: nginx appends the real one.
    assert client_address(request("10.9.9.9, 203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies_the_outer_ones_entry_counts(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 2

    assert client_address(request("10.9.9.9, 203.0.113.9, 192.0.2.1")) == "203.0.113.9"
    assert client_address(request("203.0.113.9")) == "127.0.0.1"
