# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The attachments on the staff pages (staff.views.attachments, ADR 0118): a POST of its own
on the declaration, vision and project pages, refusals that name the file, downloads as
attachments to the region's staff only."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from attachments.models import Attachment
from declarations.lifecycle import Status
from tests.attachments.conftest import PDF, stored_files, upload
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    imported,
    other_region,
    outsider,
    region,
    viewer,
)

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def add_url(revision):
    return reverse(
        f"staff:{revision.document}_attachment_add", args=[revision.region.slug, revision.number]
    )


def post_file(client, url, name="協議の記録.pdf", content=PDF, **data):
    return client.post(
        url, {"file": upload(name, content), "title": "", "kind": "reference", **data}
    )


@pytest.mark.parametrize("which", ["declaration_revision", "vision_revision"])
def test_an_editor_attaches_to_a_revision_and_it_is_listed(editor_client, imported, which):
    revision = getattr(imported, which)
    response = post_file(
        editor_client,
        add_url(revision),
        title="第3回協議会 議事録",
        kind="consultation_record",
        is_public="1",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#attachments")
    attachment = Attachment.objects.get()
    assert attachment.target == revision
    assert (attachment.kind, attachment.is_public) == ("consultation_record", True)
    page = editor_client.get(revision.get_absolute_url())
    assert "「協議の記録.pdf」を添付しました。" in page.text
    assert "第3回協議会 議事録" in page.text
    assert reverse("staff:attachment", args=["setouchi", attachment.pk]) in page.text
    assert 'id="attachment-form"' in page.text


def test_an_editor_attaches_to_a_project(editor_client, imported):
    project = imported.vision_revision.projects.order_by("pk").first()
    url = reverse(
        "staff:project_attachment_add",
        args=["setouchi", imported.vision_revision.number, project.pk],
    )
    assert (
        post_file(editor_client, url, name="地図.png", content=b"\x89PNG\r\n\x1a\n0000").status_code
        == 302
    )
    attachment = Attachment.objects.get()
    assert attachment.target == project
    assert attachment.media_type == "image/png"
    page = editor_client.get(reverse("staff:project", args=["setouchi", 1, project.pk]))
    assert "地図.png" in page.text


def test_a_html_file_called_pdf_is_refused_naming_it_and_nothing_is_lost(
    editor_client, imported, _media
):
    revision = imported.declaration_revision
    before = revision.version
    response = post_file(editor_client, add_url(revision), name="議事録.pdf", content=HTML)
    assert response.status_code == 302
    page = editor_client.get(response["Location"])
    assert "「議事録.pdf」は添付できません" in page.text
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []
    revision.refresh_from_db()
    assert revision.version == before  # the revision itself was not touched


def test_no_file_chosen_is_a_message_not_an_error(editor_client, imported):
    response = editor_client.post(add_url(imported.declaration_revision), {"title": "x"})
    assert response.status_code == 302
    assert "添付するファイルを選んでください" in editor_client.get(response["Location"]).text


def test_a_frozen_revision_takes_no_attachment(editor_client, imported):
    revision = imported.declaration_revision
    type(revision).objects.filter(pk=revision.pk).update(status=Status.SUBMITTED)
    response = post_file(editor_client, add_url(revision))
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert 'id="attachment-form"' not in editor_client.get(revision.get_absolute_url()).text


def test_download_is_an_attachment_to_the_regions_staff_only(
    client, editor_client, imported, viewer, outsider
):
    post_file(editor_client, add_url(imported.declaration_revision), name="協議 記録.pdf")
    attachment = Attachment.objects.get()
    url = reverse("staff:attachment", args=["setouchi", attachment.pk])
    for user in (viewer,):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert f"filename*=utf-8''{quote('協議 記録.pdf')}" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("staff:attachment", args=["other-region", attachment.pk])).status_code
        == 404
    )


def test_remove(
    editor_client, editor, imported, viewer, client, _media, django_capture_on_commit_callbacks
):
    post_file(editor_client, add_url(imported.declaration_revision))
    attachment = Attachment.objects.get()
    url = reverse("staff:attachment_remove", args=["setouchi", attachment.pk])
    client.force_login(viewer)
    assert client.post(url).status_code == 404
    client.force_login(editor)
    assert client.post(url).status_code == 302  # not from the form's button: kept
    assert Attachment.objects.count() == 1
    page = client.get(reverse("staff:declaration", args=["setouchi", 1])).text
    assert f'name="remove" value="{attachment.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"remove": str(attachment.pk)})
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []
