# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""staff.views.region: the region's overview, and the bundle import and export of the
whole filing from the staff UI (the messages of ``import_region`` / ``export_region``)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from declarations.models import DeclarationRevision
from filing.bundle import dumps_bundle, read_bundle_file
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    BUNDLES,
    declaration,
    editor,
    editor_client,
    imported,
    region,
    viewer,
)
from workflow.adapter import filing_from_revisions, revisions_for_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor_client):
    editor_client.post("/staff/setouchi/declaration/new/")
    return DeclarationRevision.objects.get(declaration__region__slug="setouchi", number=1)


def test_the_overview_lists_the_revisions_of_both_documents(editor_client, imported):
    page = editor_client.get("/staff/setouchi/")

    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="/staff/setouchi/declaration/1/"' in html
    assert 'href="/staff/setouchi/vision/1/"' in html


# ---------------------------------------------------------------- import and export


def upload(client, content: bytes, name="bundle.json"):
    return client.post(
        "/staff/setouchi/import/",
        {"bundle": SimpleUploadedFile(name, content, content_type="application/json")},
        follow=True,
    )


def test_a_bundle_is_imported_from_the_ui_with_the_clis_message(editor_client, region):
    content = (BUNDLES / "valid_region.json").read_bytes()

    response = upload(editor_client, content)

    assert (
        "リージョン setouchi に連携宣言書 第1版、連携ビジョン 第1版を作成中の版として保存しました。"
        in response.content.decode()
    )
    assert declaration(region).region_name == "瀬戸内広域リージョン"


def test_a_malformed_bundle_is_refused_with_the_clis_message_and_nothing_saved(
    editor_client, region
):
    response = upload(editor_client, b'{"region": {"name": 1}, "declaration": {}, "members": []}')

    assert (
        "取り込めません: region.name: 文字列を指定してください（数値 1 が指定されています）"
        in response.content.decode()
    )
    assert not DeclarationRevision.objects.exists()


def test_a_bundle_over_5_mb_is_refused(editor_client, region):
    response = upload(editor_client, b" " * (5 * 1024 * 1024 + 10))

    assert "バンドルが大きすぎます" in response.content.decode()


def test_a_bundle_that_is_not_utf8_is_refused(editor_client, region):
    response = upload(editor_client, "連携".encode("shift_jis"))

    assert "UTF-8 として読めません" in response.content.decode()


def test_import_is_refused_while_a_draft_exists(editor_client, draft):
    response = upload(editor_client, (BUNDLES / "valid_region.json").read_bytes())

    assert "連携宣言書の第1版を作成中です" in response.content.decode()
    assert DeclarationRevision.objects.count() == 1


def test_a_viewer_cannot_import(client, viewer, region):
    client.force_login(viewer)

    response = client.post(
        "/staff/setouchi/import/",
        {"bundle": SimpleUploadedFile("b.json", (BUNDLES / "valid_region.json").read_bytes())},
    )

    assert response.status_code == 404
    assert not DeclarationRevision.objects.exists()


def test_the_current_draft_is_exported_as_the_cli_writes_it(client, viewer, imported, region):
    client.force_login(viewer)

    response = client.get("/staff/setouchi/export/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="setouchi-declaration-1.json"'
    expected = dumps_bundle(filing_from_revisions(*revisions_for_export(region)))
    assert response.content.decode() == expected
    assert read_bundle_file(BUNDLES / "valid_region.json") == filing_from_revisions(
        *revisions_for_export(region)
    )
    json.loads(response.content)


@pytest.mark.parametrize("number", ["7", "abc", "-1", "9" * 50])
def test_exporting_a_revision_that_does_not_exist_says_so(editor_client, imported, number):
    response = editor_client.get("/staff/setouchi/export/", {"revision": number}, follow=True)

    assert response.status_code == 200
    assert "版はありません" in response.content.decode()


def test_an_import_from_the_ui_records_who_created_each_revision(editor_client, editor, region):
    from declarations.lifecycle import Status
    from declarations.models import StatusChange

    upload(editor_client, (BUNDLES / "valid_region.json").read_bytes(), name="setouchi-2026.json")

    rows = list(StatusChange.objects.filter(region=region).order_by("pk"))
    assert [(row.revision.document, row.old, row.new) for row in rows] == [
        ("declaration", "", Status.DRAFT),
        ("vision", "", Status.DRAFT),
    ]
    assert [row.actor for row in rows] == [editor, editor]
    assert all("setouchi-2026.json" in row.comment for row in rows)
