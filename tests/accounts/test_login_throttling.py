"""Log-in throttling (django-axes, ADR 0082): after AXES_FAILURE_LIMIT failures for one user
name, or from one client address, both log-in pages answer 429 with the Japanese lockout page
— even to the right password — until the cool-off passes or an operator unlocks.

The limit itself is checked at its configured value (10: one failure short of it, and at it,
on both pages). The tests of what else counts and who unlocks run with a limit of 3
(``short_limit``): django-axes reads the limit at each log-in, the pages state the one in
force, and each failure costs a request.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings

from accounts.models import REVIEWER_GROUP
from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client
from web.ratelimit import client_address

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]
LOCKED = "ログインを一時的に止めています"
SHORT_LIMIT = 3


@pytest.fixture
def short_limit(settings):
    assert SHORT_LIMIT < settings.AXES_FAILURE_LIMIT
    settings.AXES_FAILURE_LIMIT = SHORT_LIMIT


def attempt(url, username, password, address="192.0.2.10", **headers):
    return Client(REMOTE_ADDR=address, **headers).post(
        url, {"username": username, "password": password}
    )


def fail(url, username, times, address="192.0.2.10"):
    return [attempt(url, username, "wrong-password", address) for _ in range(times)]


def assert_locked(response):
    assert response.status_code == 429, response.status_code
    html = response.content.decode()
    assert LOCKED in html
    assert f"ログインに {settings.AXES_FAILURE_LIMIT} 回続けて失敗したため" in html
    assert "エラーコード: 429" in html
    assert '<html lang="ja">' in html
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))


def assert_logged_in(response):
    assert response.status_code == 302, response.content.decode()[:300]
    assert "_auth_user_id" in response.client.session


@pytest.fixture
def member():
    user = UserFactory(username="kanri", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_one_failure_short_of_the_limit_the_right_password_still_logs_in(url, member):
    for response in fail(url, "kanri", settings.AXES_FAILURE_LIMIT - 1):
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()

    assert_logged_in(attempt(url, "kanri", PASSWORD))


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_an_account_is_locked_after_the_limit_even_from_another_address(url, member):
    responses = fail(url, "kanri", settings.AXES_FAILURE_LIMIT)

    assert_locked(responses[-1])
    # Per account: the right password from a fresh address is refused too.
    assert_locked(attempt(url, "kanri", PASSWORD, address="198.51.100.20"))


@pytest.mark.parametrize("url", LOGIN_PAGES)
@pytest.mark.usefixtures("short_limit")
def test_an_address_is_locked_after_the_limit_across_user_names(url, member):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(url, f"guess{number}", "wrong-password", address="203.0.113.9")

    # Per address: another account's right password from that address is refused ...
    assert_locked(attempt(url, "kanri", PASSWORD, address="203.0.113.9"))
    # ... and the same account from another address is not.
    assert_logged_in(attempt(url, "kanri", PASSWORD, address="198.51.100.20"))


@pytest.mark.usefixtures("short_limit")
def test_failures_on_both_pages_count_together(member):
    fail("/accounts/login/", "kanri", settings.AXES_FAILURE_LIMIT // 2)
    fail("/admin/login/", "kanri", settings.AXES_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT // 2)

    assert_locked(attempt("/accounts/login/", "kanri", PASSWORD, address="198.51.100.20"))


@pytest.mark.usefixtures("short_limit")
def test_a_full_width_user_name_counts_for_the_same_account(member):
    """The log-in form folds ｋａｎｒｉ to kanri (NFKC) before checking the password; the
    failures must be counted under the folded name, or the width would reset the count."""
    fail("/accounts/login/", "ｋａｎｒｉ", settings.AXES_FAILURE_LIMIT)

    assert_locked(attempt("/accounts/login/", "kanri", PASSWORD, address="198.51.100.20"))


def test_the_log_in_pages_state_the_rule_in_japanese(client):
    rule = f"ログインに {settings.AXES_FAILURE_LIMIT} 回続けて失敗すると"
    minutes = f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} 分止めます"
    for url in LOGIN_PAGES:
        html = client.get(url).content.decode()
        assert rule in html and minutes in html, url


@pytest.mark.usefixtures("short_limit")
def test_an_operator_unlocks_an_account_in_the_admin(member, superuser):
    fail("/accounts/login/", "kanri", settings.AXES_FAILURE_LIMIT)
    assert_locked(attempt("/accounts/login/", "kanri", PASSWORD))
    operator = verified_client(superuser)
    listing = operator.get("/admin/axes/accessattempt/?q=kanri")
    assert listing.status_code == 200
    assert "kanri" in listing.content.decode()

    response = operator.post(
        "/admin/axes/accessattempt/",
        {
            "action": "delete_selected",
            "_selected_action": list(
                AccessAttempt.objects.filter(username="kanri").values_list("pk", flat=True)
            ),
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="kanri").exists()
    assert_logged_in(attempt("/accounts/login/", "kanri", PASSWORD))


@pytest.mark.usefixtures("short_limit")
def test_a_reviewer_cannot_see_or_clear_the_lockouts(member):
    reviewer = UserFactory(username="shinsa", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    fail("/accounts/login/", "kanri", settings.AXES_FAILURE_LIMIT)

    assert verified_client(reviewer).get("/admin/axes/accessattempt/").status_code == 403
    assert AccessAttempt.objects.filter(username="kanri").exists()


@pytest.mark.usefixtures("short_limit")
def test_manage_py_unlocks_an_account_and_an_address(member):
    fail("/accounts/login/", "kanri", settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset_username", "kanri")
    assert_logged_in(attempt("/accounts/login/", "kanri", PASSWORD))

    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt("/accounts/login/", f"guess{number}", "wrong", address="203.0.113.9")
    assert_locked(attempt("/accounts/login/", "kanri", PASSWORD, address="203.0.113.9"))
    call_command("axes_reset_ip", "203.0.113.9")
    assert_logged_in(attempt("/accounts/login/", "kanri", PASSWORD, address="203.0.113.9"))


# --- The client address behind the reverse proxy ---------------------------------------------


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_trusted_proxy_the_client_is_the_connection_and_the_header_is_ignored():
    assert client_address(request_from("192.0.2.1", "203.0.113.5")) == "192.0.2.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_what_the_proxy_appended():
    assert client_address(request_from("10.0.0.2", "203.0.113.5")) == "203.0.113.5"
    # What the client wrote itself, further left, is not believed.
    assert client_address(request_from("10.0.0.2", "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert client_address(request_from("10.0.0.2", "2001:db8::1")) == "2001:db8::1"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_client_is_second_from_the_right():
    assert (
        client_address(request_from("10.0.0.3", "9.9.9.9, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"
    )


def test_a_request_without_an_address_is_counted_under_none():
    """(Client.force_login's request has no REMOTE_ADDR; axes' IP column refuses text.)"""
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) is None


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_missing_or_garbled_header_falls_back_to_the_connection():
    assert client_address(request_from("10.0.0.2")) == "10.0.0.2"
    assert client_address(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.usefixtures("short_limit")
def test_behind_the_proxy_a_forged_header_does_not_escape_the_address_lockout(member):
    """Every request comes from the proxy (10.0.0.2); the attacker varies what it writes in
    X-Forwarded-For, but the proxy appends the real address, which is what is counted."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            "/accounts/login/",
            f"guess{number}",
            "wrong",
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"198.18.0.{number}, 203.0.113.77",
        )

    forged = attempt(
        "/accounts/login/",
        "kanri",
        PASSWORD,
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.18.1.1, 203.0.113.77",
    )
    assert_locked(forged)
    # Another visitor behind the same proxy is not locked out with the attacker.
    other = attempt(
        "/accounts/login/",
        "kanri",
        PASSWORD,
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.78",
    )
    assert_logged_in(other)
