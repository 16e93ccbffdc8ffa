"""The public download of an attachment (public.views.attachments, ADR 0118): the public
ones of a published revision only, as a download with the stored type and nosniff, and
listed on the region's page."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.services import attachment_add
from declarations.lifecycle import Status
from public.cache import PUBLIC_MAX_AGE
from tests.attachments.helpers import PDF
from tests.factories import UserFactory
from tests.public_data import file_revisions, move, skip_pdfs, valid_filing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_public_attachment_of_a_published_vision_is_listed_and_downloaded(client, monkeypatch):
    skip_pdfs(monkeypatch)
    draft = file_revisions(valid_filing(), slug="setouchi", status=Status.DRAFT)
    editor = UserFactory(username="editor")
    csv = "年度,件数\n令和7年度,3\n".encode("shift_jis")
    shown = attachment_add(
        target=draft.vision_revision,
        upload=SimpleUploadedFile("参考 データ.csv", csv),
        actor=editor,
        title="観光入込客数の推移",
        is_public=True,
    )
    hidden = attachment_add(
        target=draft.vision_revision,
        upload=SimpleUploadedFile("内部.pdf", PDF),
        actor=editor,
        title="審査担当向けメモ",
    )
    url = f"/regions/setouchi/attachments/{shown.pk}/"
    for revision in (draft.declaration_revision, draft.vision_revision):
        move(revision, Status.PUBLISHED)
    cache.clear()
    page = client.get("/regions/setouchi/").content.decode()
    assert "観光入込客数の推移" in page and f'href="{url}"' in page
    assert "審査担当向けメモ" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == csv
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith("attachment")
    assert f"filename*=utf-8''{quote('参考 データ.csv')}" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == f"public, max-age={PUBLIC_MAX_AGE}"
    assert client.get(f"/regions/setouchi/attachments/{hidden.pk}/").status_code == 404
    assert client.get(f"/regions/other/attachments/{shown.pk}/").status_code == 404
    assert client.get("/regions/setouchi/attachments/99999999999/").status_code == 404
