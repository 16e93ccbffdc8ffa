"""The frozen PDFs in the admin: listed with their hash and link, and read-only."""

import pytest
from django.urls import reverse

from documents.models import FrozenDocument
from tests.documents.conftest import editor, imported, media_root  # noqa: F401 (fixtures)
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    return verified_client(UserFactory(username="admin", is_staff=True, is_superuser=True), client)


def test_the_list_shows_each_pdf_with_its_hash_and_download_link(imported, editor, admin_client_):
    revision_submit(revision=imported.declaration_revision, actor=editor)

    response = admin_client_.get(reverse("admin:documents_frozendocument_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    for row in FrozenDocument.objects.all():
        assert row.sha256 in html
        assert row.get_absolute_url() in html


def test_a_frozen_pdf_cannot_be_added_changed_or_deleted_in_the_admin(
    imported, editor, admin_client_
):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    row = FrozenDocument.objects.first()

    assert admin_client_.get(reverse("admin:documents_frozendocument_add")).status_code == 403
    detail = admin_client_.get(reverse("admin:documents_frozendocument_change", args=[row.pk]))
    assert detail.status_code == 200
    assert 'name="sha256"' not in detail.content.decode(), "read-only"
    response = admin_client_.post(
        reverse("admin:documents_frozendocument_delete", args=[row.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert FrozenDocument.objects.filter(pk=row.pk).exists()
