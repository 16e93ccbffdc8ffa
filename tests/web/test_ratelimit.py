"""The per-client limiter on Django's cache (``web.ratelimit``): N requests per period per
client address, then 429 with the portal's Japanese page and ``Retry-After``."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from web.ratelimit import client_address, rate_limit, rate_limit_clear, take

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts():
    rate_limit_clear()
    yield
    rate_limit_clear()


def request_from(address="192.0.2.1", method="post", **meta):
    factory = RequestFactory()
    return getattr(factory, method)("/somewhere/", REMOTE_ADDR=address, **meta)


def test_a_client_gets_its_allowance_then_is_refused_for_the_rest_of_the_period():
    results = [take(request_from(), "probe", limit=3, period=60) for _ in range(5)]

    assert results[:3] == [None, None, None]
    assert all(isinstance(wait, int) and 1 <= wait <= 60 for wait in results[3:])


def test_clients_and_scopes_are_counted_apart():
    for _ in range(3):
        take(request_from("192.0.2.1"), "probe", limit=3)

    assert take(request_from("192.0.2.1"), "probe", limit=3) is not None
    assert take(request_from("192.0.2.2"), "probe", limit=3) is None
    assert take(request_from("192.0.2.1"), "other", limit=3) is None


def test_the_next_period_starts_a_new_count(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr("web.ratelimit.time.time", lambda: now[0])
    for _ in range(2):
        take(request_from(), "probe", limit=2, period=60)
    assert take(request_from(), "probe", limit=2, period=60) is not None

    now[0] += 60

    assert take(request_from(), "probe", limit=2, period=60) is None


def test_the_decorator_answers_429_with_the_japanese_page_and_retry_after():
    calls = []

    @rate_limit("probe", limit=lambda: 2)
    def view(request):
        calls.append(request)
        return HttpResponse("ok")

    responses = [view(request_from()) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    assert len(calls) == 2, "the refused request never reaches the view"
    refused = responses[2]
    assert "リクエストが多すぎます" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_the_decorator_counts_only_the_methods_it_is_told():
    @rate_limit("probe", limit=lambda: 1)
    def view(request):
        return HttpResponse("ok")

    assert [view(request_from(method="get")).status_code for _ in range(3)] == [200] * 3
    assert [view(request_from()).status_code for _ in range(2)] == [200, 429]


def test_the_client_address_is_remote_addr_unless_proxies_are_trusted():
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    assert client_address(request) == "10.0.0.1"

    with override_settings(TRUSTED_PROXY_COUNT=1):
        # the proxy appends the address it saw; what the client wrote further left is ignored
        assert client_address(request) == "203.0.113.9"
        assert client_address(request_from("10.0.0.1")) == "10.0.0.1"
        forged = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
        assert client_address(forged) == "10.0.0.1"


def test_a_request_without_an_ip_address_has_none():
    """(Client.force_login's request has no REMOTE_ADDR; a Unix socket gives no address.)"""
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) is None
    assert client_address(request_from("")) is None
    assert client_address(request_from("unix:/run/gunicorn.sock")) is None
    assert client_address(request_from(" 2001:DB8::1 ")) == "2001:db8::1"


def test_requests_without_an_address_share_one_count():
    nowhere = [request_from("") for _ in range(3)]
    assert [take(r, "verify", limit=2) for r in nowhere][:2] == [None, None]
    assert take(request_from(""), "verify", limit=2) is not None


def test_the_log_in_lockout_counts_under_the_same_function():
    """One rule for every per-client count: django-axes calls web.ratelimit.client_address."""
    from axes.helpers import get_client_ip_address
    from django.conf import settings

    import accounts.throttling

    assert settings.AXES_CLIENT_IP_CALLABLE == "web.ratelimit.client_address"
    assert not hasattr(accounts.throttling, "client_ip")
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert get_client_ip_address(request) == client_address(request) == "203.0.113.9"
