"""A form POSTed in another charset than UTF-8 (``application/x-www-form-urlencoded;
charset=latin-1``, with a valid CSRF token) answers 400 with the portal's own page, on every
form of the portal — never 500.

Django refuses such a body (the format is UTF-8 by definition); the error handler used to
read the body again and crash on the same refusal (issue 12, item 6)."""

import pytest

from accounts.models import RegionRole
from tests.factories import RegionFactory, UserFactory
from tests.security.conftest import LIVE_SERVER_MARKS, csrf

pytestmark = LIVE_SERVER_MARKS

FORMS = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/verify/",
    "/accounts/invitations/no-such-token/",
    "/admin/login/",
]
CHARSETS = ["latin-1", "utf-16", "shift_jis"]


def post(portal, url, charset, token, **extra):
    body = f"csrfmiddlewaretoken={token}&username=someone&password=x&email=a%40example.jp"
    return portal.post(
        url,
        data=body.encode("ascii"),
        headers={
            "Content-Type": f"application/x-www-form-urlencoded; charset={charset}",
            "Referer": portal.base_url + url,
            **extra,
        },
    )


def is_portal_400(response) -> bool:
    return (
        response.status_code == 400
        and "リクエストを処理できません" in response.text
        and "エラーコード: 400" in response.text
    )


def assert_portal_400(response):
    assert is_portal_400(response), (response.status_code, response.text[:500])


@pytest.mark.parametrize("url", FORMS)
def test_a_form_in_another_charset_is_a_400_with_the_portals_page(portal, url):
    """Every charset of ``CHARSETS`` in one test (a live-server test empties and refills the
    database when it ends, which costs more than the requests); the ones answered otherwise
    are listed."""
    token = csrf(portal)
    answers = {charset: post(portal, url, charset, token) for charset in CHARSETS}

    wrong = {c: r.status_code for c, r in answers.items() if not is_portal_400(r)}
    assert wrong == {}


def test_the_staff_forms_answer_400_too(portal, live_server, client):
    region = RegionFactory(slug="setouchi")
    editor = UserFactory(username="editor")
    RegionRole.objects.create(user=editor, region=region, role=RegionRole.Role.EDITOR)
    client.force_login(editor)
    portal.cookies.set("sessionid", client.cookies["sessionid"].value)
    token = csrf(portal, "/staff/setouchi/")

    for url in ("/staff/setouchi/import/", "/staff/setouchi/declaration/new/"):
        assert_portal_400(post(portal, url, "latin-1", token))


def test_utf8_stated_or_not_still_works(portal):
    token = csrf(portal)
    for content_type in (
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8",
    ):
        response = portal.post(
            "/accounts/login/",
            data=f"csrfmiddlewaretoken={token}&username=nobody&password=x",
            headers={"Content-Type": content_type, "Referer": portal.base_url + "/"},
        )
        assert response.status_code == 200  # the form again, with its message
        assert "ユーザー名" in response.text or "ログイン" in response.text
