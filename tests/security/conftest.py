"""Probes against the live test server (pytest-django's ``live_server``: a real HTTP server
in a thread, the project's settings with ``DEBUG = False``), sent with ``requests`` the way
a hostile visitor would send them: raw bodies, crafted headers, no test client.

``portal`` is a ``requests.Session`` bound to the live server (``portal.get("/verify/")``),
``csrf(portal)`` fetches a page so that the session holds the CSRF cookie and returns the
token a form would carry.
"""

import re

import pytest
import requests

from web.ratelimit import rate_limit_clear

LIVE_SERVER_MARKS = [pytest.mark.django_db(transaction=True)]


class Portal(requests.Session):
    def __init__(self, base_url):
        super().__init__()
        self.base_url = base_url

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        return super().request(method, self.base_url + url, *args, **kwargs)


@pytest.fixture
def portal(live_server):
    rate_limit_clear()
    with Portal(live_server.url) as session:
        yield session
    rate_limit_clear()


def csrf(portal, page="/accounts/login/") -> str:
    """The CSRF token of the form on ``page`` (the session now holds its cookie)."""
    html = portal.get(page).text
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)
