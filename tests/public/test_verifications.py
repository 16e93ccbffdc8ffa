"""The public verification history of a region (ADR 0105): published 検証 records only."""

import pytest
from django.core.cache import cache

from declarations.lifecycle import Status
from tests.public_data import main_text
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    editor,
    file_verification,
    published,
    region,
)

pytestmark = pytest.mark.django_db


def test_the_region_page_shows_published_verifications_only(client, region, editor):
    cache.clear()
    assert "連携ビジョンの検証の履歴" not in main_text(client.get("/regions/setouchi/"))
    file_verification(region, editor, summary="公表される概要")
    file_verification(region, editor, status=Status.SUBMITTED, summary="審査中の概要")
    text = main_text(client.get("/regions/setouchi/"))
    assert "連携ビジョンの検証の履歴" in text
    assert "第1回の検証（令和9年5月20日）" in text
    assert "令和8年4月1日〜令和9年3月31日" in text
    assert "公表される概要" in text and "継続" in text and "順調" in text
    assert "審査中の概要" not in text
    assert "第2回の検証" not in text


def test_publishing_a_verification_renews_the_cached_region_page(
    client, region, editor, django_capture_on_commit_callbacks
):
    cache.clear()
    first = client.get("/regions/setouchi/")
    assert "連携ビジョンの検証の履歴" not in main_text(first)
    with django_capture_on_commit_callbacks(execute=True):
        file_verification(region, editor, summary="あとから公表した検証")
    again = client.get("/regions/setouchi/", HTTP_IF_NONE_MATCH=first.get("ETag", ""))
    assert again.status_code == 200
    assert "あとから公表した検証" in main_text(again)
