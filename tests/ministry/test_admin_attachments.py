"""The attachments in the admin (ministry.admin.attachments, ADR 0118): reviewers list and
download those of sent revisions only, as attachments; nobody adds, changes or deletes one."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.models import Attachment
from attachments.services import attachment_add
from tests.factories import UserFactory
from tests.review_helpers import signed_in, submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
LIST_URL = "/admin/attachments/attachment/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def attach(target, actor, name="議事録 第3回.pdf", **kwargs):
    upload = SimpleUploadedFile(name, PDF)
    return attachment_add(target=target, upload=upload, actor=actor, **kwargs)


def download_url(attachment):
    return reverse("admin:attachments_attachment_download", args=[attachment.pk])


def test_a_reviewer_downloads_the_attachments_of_a_sent_vision(reviewer_client, imported, editor):
    vision = imported.vision_revision
    minutes = attach(vision, editor, title="第3回協議会の議事録", kind="consultation_record")
    project = vision.projects.order_by("pk").first()
    on_project = attach(project, editor, name="地図.pdf")
    # A draft's attachments are not the reviewers' yet.
    assert reviewer_client.get(download_url(minutes)).status_code == 404
    assert "第3回協議会の議事録" not in reviewer_client.get(LIST_URL).text
    submit(vision, editor)
    listing = reviewer_client.get(LIST_URL).text
    assert "第3回協議会の議事録" in listing and download_url(minutes) in listing
    for attachment in (minutes, on_project):
        response = reviewer_client.get(download_url(attachment))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment")
        assert f"filename*=utf-8''{quote(attachment.original_name)}" in disposition
        assert response["X-Content-Type-Options"] == "nosniff"
        # (the admin's never_cache adds its own no-cache directives)
        assert response["Cache-Control"].startswith("private, no-store")


def test_the_admin_neither_adds_changes_nor_deletes(reviewer_client, superuser, imported, editor):
    attachment = attach(imported.declaration_revision, editor)
    submit(imported.declaration_revision, editor)
    admin = signed_in(superuser)
    change = f"{LIST_URL}{attachment.pk}/change/"
    assert admin.get(f"{LIST_URL}add/").status_code == 403
    assert admin.post(change, {"title": "書き換え"}).status_code == 403
    assert admin.post(f"{LIST_URL}{attachment.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Attachment.objects.get().title == attachment.title


def test_someone_without_the_permission_gets_nothing(imported, editor):
    attachment = attach(imported.declaration_revision, editor)
    submit(imported.declaration_revision, editor)
    staff_only = UserFactory(username="plain-staff", is_staff=True)
    client = signed_in(staff_only)
    assert client.get(download_url(attachment)).status_code == 404
