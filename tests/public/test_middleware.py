"""Public answers sent again from the process's own memory (public.middleware, ADR 0106):
the same bytes and headers as the usual way, before URL resolution and the inner middleware,
and only while the cache holds the stamp they were made under."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls.resolvers import URLResolver

from public.cache import site_stamp
from public.middleware import ANSWERS, KeptAnswer, KeptAnswersMiddleware, LocalAnswers
from tests.prebuilt import restored
from tests.public_data import (
    change_region,
    generated_filing,
    main_text,
    publish_region,
    published_setouchi,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/regions/setouchi/",
    "/regions/",
    "/regions/?prefecture=33",
    "/",
    "/api/v1/regions",
    "/api/v1/regions/setouchi",
    "/api/v1/regions/setouchi/members",
    "/api/v1/budgets",
]


@pytest.fixture
def setouchi(monkeypatch):
    skip_pdfs(monkeypatch)
    return restored(published_setouchi)


@pytest.fixture
def resolutions(monkeypatch):
    """How many requests reached Django's URL resolution (a spy on the real resolver)."""
    calls = []
    original = URLResolver.resolve

    def counted(self, path):
        if self.pattern.regex.pattern in ("^/", "^\\/"):  # the root resolver: once per request
            calls.append(path)
        return original(self, path)

    monkeypatch.setattr(URLResolver, "resolve", counted)
    return calls


@pytest.mark.parametrize("url", ADDRESSES)
def test_the_second_read_is_answered_before_url_resolution(
    client, setouchi, resolutions, url, django_assert_num_queries
):
    client.get(url)
    client.get(url)  # the first from the shared cache: copied here
    resolutions.clear()

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.status_code == 200
    assert resolutions == []


@pytest.mark.parametrize("url", ADDRESSES)
def test_the_copy_has_the_same_bytes_and_headers_as_the_usual_way(client, setouchi, url):
    client.get(url)
    usual = client.get(url)
    copied = client.get(url)

    assert copied.content == usual.content
    assert dict(copied.items()) == dict(usual.items())
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert copied[name], name
    assert copied["Referrer-Policy"] == "same-origin"
    assert copied["Content-Length"] == str(len(copied.content))


def test_a_page_copy_keeps_the_cache_headers_and_answers_304(client, setouchi):
    client.get("/regions/setouchi/")
    client.get("/regions/setouchi/")
    copied = client.get("/regions/setouchi/")

    assert "public" in copied["Cache-Control"] and "max-age=60" in copied["Cache-Control"]
    assert "Cookie" in copied["Vary"]
    assert (
        client.get("/regions/setouchi/", headers={"if-none-match": copied["ETag"]}).status_code
        == 304
    )


def test_a_change_shows_at_once_though_a_copy_was_kept(client, setouchi):
    for _ in range(3):
        assert "第2版" not in main_text(client.get("/regions/setouchi/"))
        before = client.get("/api/v1/regions/setouchi/revisions").json()["items"]

    change_region(setouchi, setouchi_change(valid_filing()))

    assert "第2版" in main_text(client.get("/regions/setouchi/"))
    after = client.get("/api/v1/regions/setouchi/revisions").json()["items"]
    assert len(after) > len(before)


def test_a_new_region_shows_at_once_on_the_copied_list_and_api(client, setouchi):
    for _ in range(3):
        client.get("/regions/")
        client.get("/api/v1/regions")

    publish_region("tohoku", generated_filing(4, members=6, projects=2))

    assert "第4広域リージョン" in main_text(client.get("/regions/"))
    assert client.get("/api/v1/regions").json()["count"] == 2


def test_a_flushed_cache_sends_every_copy_back_the_usual_way(client, setouchi, resolutions):
    client.get("/regions/setouchi/")
    client.get("/regions/setouchi/")
    cache.clear()  # a new Redis, or an operator's FLUSHDB
    resolutions.clear()

    assert client.get("/regions/setouchi/").status_code == 200
    assert resolutions == ["/regions/setouchi/"]


def test_a_signed_in_visitor_is_never_answered_from_a_copy(client, setouchi, django_user_model):
    for _ in range(3):
        client.get("/regions/setouchi/")
    user = django_user_model.objects.create_user("hanako", password="pw-12345678")
    client.force_login(user)

    page = client.get("/regions/setouchi/")

    assert "hanako" in page.content.decode()
    assert "private" in page["Cache-Control"]


def test_a_host_not_allowed_is_refused_even_when_a_copy_exists(client, setouchi):
    for _ in range(3):
        client.get("/regions/setouchi/")

    assert client.get("/regions/setouchi/", headers={"host": "evil.example"}).status_code == 400


def test_head_and_searches_are_not_copied(client, setouchi, resolutions):
    for _ in range(3):
        client.head("/regions/setouchi/")
        client.get("/regions/?q=%E7%80%AC%E6%88%B8%E5%86%85")
    resolutions.clear()

    client.head("/regions/setouchi/")
    client.get("/regions/?q=%E7%80%AC%E6%88%B8%E5%86%85")

    assert len(resolutions) == 2


def _marked(request, *, nonce=False, cookie=False):
    response = HttpResponse(b"<p>page</p>")
    response.public_local = (site_stamp.key(), site_stamp.stored(request))
    if nonce:
        str(request._csp_nonce)  # the page used the nonce
    if cookie:
        response.set_cookie("csrftoken", "x")
    return response


@pytest.mark.parametrize("kind", ["nonce", "cookie"])
def test_an_answer_with_a_nonce_or_a_cookie_is_not_copied(setouchi, kind, monkeypatch):
    from django.middleware.csp import ContentSecurityPolicyMiddleware

    local = LocalAnswers()
    monkeypatch.setattr("public.middleware.ANSWERS", local)
    inner = ContentSecurityPolicyMiddleware(lambda request: _marked(request, **{kind: True}))
    middleware = KeptAnswersMiddleware(inner)

    middleware(RequestFactory().get("/regions/"))
    assert len(local) == 0

    plain = KeptAnswersMiddleware(ContentSecurityPolicyMiddleware(_marked))
    plain(RequestFactory().get("/regions/"))
    assert len(local) == 1


def test_the_copies_stay_within_their_byte_budget():
    local = LocalAnswers(max_bytes=1000, entry_bytes=600)

    for number in range(5):
        local.put(number, KeptAnswer("k", "s", (), b"x" * 300))
    local.put("big", KeptAnswer("k", "s", (), b"x" * 700))

    assert local.size <= 1000
    assert len(local) == 3
    assert local.get(0) is None and local.get(4) is not None
    assert local.get("big") is None


@pytest.fixture(autouse=True)
def _no_copies_from_other_tests():
    ANSWERS.__init__()
    yield
