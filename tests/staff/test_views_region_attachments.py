# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The staff UI's bundle import of a bundle that lists attachments (ADR 0120): the files
cannot come with an upload, so the revisions are imported and the page says how many
attachments were left out."""

import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.models import Attachment
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    BUNDLES,
    declaration,
    editor,
    editor_client,
    region,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


def test_listed_attachments_are_not_imported_and_the_page_says_so(editor_client, region):
    bundle = json.loads((BUNDLES / "valid_region.json").read_text(encoding="utf-8"))
    bundle["vision"]["attachments"] = [
        {
            "title": "議事録",
            "kind": "consultation_record",
            "public": False,
            "name": "議事録.pdf",
            "media_type": "application/pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
        }
    ]
    content = json.dumps(bundle, ensure_ascii=False).encode()
    response = editor_client.post(
        "/staff/setouchi/import/",
        {"bundle": SimpleUploadedFile("b.json", content, content_type="application/json")},
        follow=True,
    )
    html = response.content.decode()
    assert "作成中の版として保存しました。" in html
    assert "バンドルが挙げる添付ファイル 1 件は取り込んでいません。" in html
    assert declaration(region).region_name == "瀬戸内広域リージョン"
    assert not Attachment.objects.exists()
