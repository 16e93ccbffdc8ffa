"""The portal's error pages (``web.errors``, ``handler400`` … in ``region_portal.urls``)
answer with their own status and never read the request body again: a body Django refused
once (a form in another charset than UTF-8) would be refused a second time inside the
handler, and the 400 would become a 500."""

import pytest
from django.core.exceptions import BadRequest
from django.test import RequestFactory

from web import errors

pytestmark = pytest.mark.django_db


class PostTouched(AssertionError):
    pass


def refusing_request():
    request = RequestFactory().post(
        "/accounts/login/",
        data=b"username=a&password=b",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )
    with pytest.raises(BadRequest):
        request.POST  # noqa: B018 (Django refuses the body: not UTF-8)
    return request


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (errors.bad_request, 400, "リクエストを処理できません"),
        (errors.permission_denied, 403, "アクセスできません"),
        (errors.page_not_found, 404, "ページが見つかりません"),
    ],
)
def test_an_error_page_for_a_refused_body_is_rendered_not_raised(handler, status, text):
    response = handler(refusing_request(), exception=BadRequest("x"))

    assert response.status_code == status
    assert text in response.content.decode()


def test_the_server_error_page_is_the_portals_own():
    response = errors.server_error(refusing_request())

    assert response.status_code == 500
    assert "エラーコード: 500" in response.content.decode()
