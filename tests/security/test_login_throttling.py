"""Log-in throttling and the admin's second factor, probed over HTTP on the live server
(issue 12, item 8): wrong passwords past the limit, then the right one, is refused on both
log-in pages; so is spraying many user names from one address; and the right password alone
never opens the review queue.

The issue's probe sent 50 wrong passwords. Every attempt past the limit (AXES_FAILURE_LIMIT,
10) takes the same way (django-axes' lockout, 429), so the probes send the limit and
``BEYOND`` more: the limit at its configured value, and refusals that go on after it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import REVIEWER_GROUP
from tests.factories import UserFactory
from tests.security.conftest import LIVE_SERVER_MARKS, csrf

pytestmark = LIVE_SERVER_MARKS

PASSWORD = "correct horse battery staple"
LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]
QUEUE = "/admin/reviews/review/queue/"
BEYOND = 3  # attempts past the limit, each refused like the first


@pytest.fixture
def reviewer():
    user = UserFactory(username="shinsa", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    return user


def log_in(portal, url, username, password, token):
    return portal.post(
        url,
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={"Referer": portal.base_url + url},
    )


def closed(portal) -> bool:
    """The review queue sends this session away (``Session.get`` follows redirects unless
    told not to)."""
    response = portal.get(QUEUE, allow_redirects=False)
    return response.status_code == 302 and "/admin/login/" in response.headers["Location"]


def assert_refused_in_japanese(response):
    assert response.status_code == 429, (response.status_code, response.text[:300])
    assert "ログインを一時的に止めています" in response.text
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_wrong_passwords_past_the_limit_then_the_right_one_is_refused(portal, reviewer, url):
    token = csrf(portal, url)
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [
        log_in(portal, url, "shinsa", f"guess-{n}", token).status_code
        for n in range(limit + BEYOND)
    ]

    assert statuses == [200] * (limit - 1) + [429] * (BEYOND + 1)
    assert_refused_in_japanese(log_in(portal, url, "shinsa", PASSWORD, token))
    # Nothing is open to this session: the queue still asks for a log-in.
    assert closed(portal)


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_spraying_user_names_from_one_address_locks_that_address(portal, reviewer, url):
    token = csrf(portal, url)
    statuses = [
        log_in(portal, url, f"user{n}", "password1", token).status_code
        for n in range(settings.AXES_FAILURE_LIMIT + BEYOND)
    ]

    assert set(statuses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
    assert_refused_in_japanese(log_in(portal, url, "shinsa", PASSWORD, token))


def test_the_right_password_alone_never_opens_the_review_queue(portal, reviewer):
    token = csrf(portal, "/admin/login/")
    response = log_in(portal, f"/admin/login/?next={QUEUE}", "shinsa", PASSWORD, token)
    assert response.status_code == 302

    # Followed: /admin/reviews/… → /admin/login/ → the enrolment page, never the queue.
    page = portal.get(QUEUE, allow_redirects=True)
    assert page.url.startswith(portal.base_url + "/accounts/mfa/setup/")
    assert page.status_code == 200 and "二段階認証の登録" in page.text
    assert closed(portal)
