"""/verify/ against a hostile visitor (issue 12, item 1): a PDF built to exhaust a parser is
hashed and looked up, never parsed; a file over the limit is refused with a Japanese message
before it is kept; a client that verifies too often is told to wait (429)."""

import hashlib

import pypdf
import pytest

from tests.pdf_bombs import many_pages, nested_object_streams
from tests.security.conftest import LIVE_SERVER_MARKS, csrf

pytestmark = LIVE_SERVER_MARKS


@pytest.fixture
def parses(monkeypatch):
    """Every PdfReader opened anywhere in the process (the live server's thread included)."""
    opened = []
    original = pypdf.PdfReader.__init__

    def spy(self, *args, **kwargs):
        opened.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(pypdf.PdfReader, "__init__", spy)
    return opened


def verify(portal, data: bytes, name="bomb.pdf"):
    token = csrf(portal, "/verify/")
    return portal.post(
        "/verify/",
        data={"csrfmiddlewaretoken": token},
        files={"file": (name, data, "application/pdf")},
        headers={"Referer": portal.base_url + "/verify/"},
    )


@pytest.mark.parametrize(
    "bomb",
    [
        pytest.param(lambda: many_pages(100_000), id="100000-pages"),
        pytest.param(lambda: nested_object_streams(400), id="400-nested-object-streams"),
    ],
)
def test_a_pdf_bomb_is_hashed_and_answered_without_being_parsed(portal, parses, bomb):
    data = bomb()

    response = verify(portal, data)

    assert response.status_code == 200, response.text[:300]
    assert "一致する公表済みの文書はありません" in response.text
    assert hashlib.sha256(data).hexdigest() in response.text
    assert parses == [], "the upload was opened with pypdf"


def test_what_is_not_a_pdf_is_refused_from_its_first_bytes(portal, parses):
    response = verify(portal, b"GIF89a" + b"\0" * 1000, name="image.pdf")

    assert response.status_code == 400
    assert "PDF ファイルではありません" in response.text
    assert parses == []


def test_a_file_over_the_limit_is_refused_with_a_japanese_message(portal, monkeypatch):
    monkeypatch.setattr("documents.views.VERIFY_MAX_BYTES", 64 * 1024)
    monkeypatch.setattr("documents.views.VERIFY_MAX_REQUEST", 4 * 1024 * 1024)

    response = verify(portal, b"%PDF-1.7\n" + b"0" * (1024 * 1024))

    assert response.status_code == 413
    assert "ファイルが大きすぎます" in response.text


def test_a_body_announced_over_the_limit_is_refused_before_it_is_read(portal, monkeypatch):
    monkeypatch.setattr("documents.views.VERIFY_MAX_REQUEST", 64 * 1024)

    response = verify(portal, b"%PDF-1.7\n" + b"0" * (1024 * 1024))

    assert response.status_code == 413
    assert "ファイルが大きすぎます" in response.text


def test_a_client_that_verifies_too_often_is_told_to_wait(portal, settings):
    settings.VERIFY_RATE_LIMIT = 3
    pdf = many_pages(1)

    statuses = [verify(portal, pdf).status_code for _ in range(3)]
    refused = verify(portal, pdf)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert "リクエストが多すぎます" in refused.text
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert portal.get("/verify/").status_code == 200, "reading the page is not counted"
