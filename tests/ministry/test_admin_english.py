"""The reviewers' page shows the English name and summary a region gave (ADR 0124): they
are reviewed with the revision, and the admin follows the language chosen with the switch."""

import pytest
from django.conf import settings

from tests.review_helpers import revision_url, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(imported, editor):
    declaration = imported.declaration_revision
    declaration.region_name_en = "Setouchi Regional Alliance"
    declaration.aspiration_en = "Islands working together.\nA sea of industry."
    declaration.save()
    submit(declaration, editor)
    return declaration


def test_the_review_page_shows_the_english_name_and_summary(sent, reviewer_client):
    page = reviewer_client.get(revision_url(sent)).content.decode()

    assert "名称（英語、英語の公開ページに載る）" in page
    assert '<span lang="en">Setouchi Regional Alliance</span>' in page
    assert '<span lang="en">Islands working together.<br>A sea of industry.</span>' in page


def test_a_revision_without_english_says_so(imported, editor, reviewer_client):
    submit(imported.declaration_revision, editor)

    page = reviewer_client.get(revision_url(imported.declaration_revision)).content.decode()

    assert "名称（英語、英語の公開ページに載る）</dt><dd>（なし）</dd>" in page


def test_the_admin_is_in_english_when_the_reviewer_chose_it(sent, reviewer_client):
    reviewer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = reviewer_client.get(revision_url(sent))

    assert response["Content-Language"] == "en"
    page = response.content.decode()
    assert "Name (English, shown on the English public pages)" in page
    assert 'name="language" value="ja" lang="ja">日本語</button>' in page
