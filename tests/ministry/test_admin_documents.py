"""The frozen PDFs in the admin: listed with their hash and link, and read-only. The making of
them (「PDF の作成」, ADR 0102) for operators: failed builds marked and counted with their
last error, 「今すぐ再作成」; reviewers do not see it."""

import pytest
from django.urls import reverse

from documents.models import DocumentBuild, FrozenDocument
from tests.documents.conftest import (  # noqa: F401 (fixtures)
    editor,
    imported,
    media_root,
    sent_declaration,
)
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    return verified_client(UserFactory(username="admin", is_staff=True, is_superuser=True), client)


def test_the_list_shows_each_pdf_with_its_hash_and_download_link(sent_declaration, admin_client_):
    response = admin_client_.get(reverse("admin:documents_frozendocument_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert FrozenDocument.objects.count() == 2
    for row in FrozenDocument.objects.all():
        assert row.sha256 in html
        assert row.get_absolute_url() in html


def test_a_frozen_pdf_cannot_be_added_changed_or_deleted_in_the_admin(
    sent_declaration, admin_client_
):
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


BUILDS = "/admin/documents/documentbuild/"


@pytest.fixture
def failed_build(imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    DocumentBuild.objects.update(
        status=DocumentBuild.Status.FAILED,
        attempts=6,
        last_error="PdfError: フォントのファイルがありません",
    )
    return DocumentBuild.objects.get()


def test_operators_see_failed_builds_marked_counted_and_with_their_error(
    failed_build, admin_client_
):
    html = admin_client_.get(BUILDS).content.decode()

    assert "✖ 作成失敗" in html
    assert "フォントのファイルがありません" in html
    assert "作成に失敗した送付文書の PDF が 1 件あります" in html


def test_make_now_makes_a_failed_build(
    failed_build, admin_client_, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            BUILDS, {"action": "make_now", "_selected_action": [failed_build.pk]}, follow=True
        )

    assert "1 件の PDF の作成を列に入れました" in response.content.decode()
    failed_build.refresh_from_db()
    assert (failed_build.status, failed_build.last_error) == (DocumentBuild.Status.DONE, "")
    assert FrozenDocument.objects.count() == 2


def test_a_build_cannot_be_added_changed_or_deleted(failed_build, admin_client_):
    assert admin_client_.get(BUILDS + "add/").status_code == 403
    assert (
        admin_client_.post(BUILDS + f"{failed_build.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert (
        "フォントのファイルがありません"
        in admin_client_.get(BUILDS + f"{failed_build.pk}/change/").content.decode()
    )


def test_reviewers_do_not_see_the_builds(failed_build):
    from django.contrib.auth.models import Group

    from accounts.models import REVIEWER_GROUP

    user = UserFactory(username="shinsa", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    client = verified_client(user)
    assert client.get(BUILDS).status_code == 403
    assert (
        client.post(
            BUILDS, {"action": "make_now", "_selected_action": [failed_build.pk]}
        ).status_code
        == 403
    )
