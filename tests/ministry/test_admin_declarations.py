"""The minimal admin: master data and the audit trail are read-only; a frozen revision cannot be edited."""

import pytest

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from declarations.services import revision_transition
from tests.factories import DeclarationRevisionFactory, MemberFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "root", "root@example.jp", "pw-for-tests-only"
    )
    client.force_login(user)
    return client


def test_master_data_and_audit_trail_are_read_only(admin_client_logged_in):
    revision = DeclarationRevisionFactory()
    change = revision_transition(revision=revision, new=Status.SUBMITTED)
    for url in (
        "/admin/declarations/prefecture/01/change/",
        f"/admin/declarations/statuschange/{change.pk}/change/",
    ):
        page = admin_client_logged_in.get(url)
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
    assert (
        admin_client_logged_in.post(
            f"/admin/declarations/statuschange/{change.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )


def test_a_submitted_revision_cannot_be_changed_through_a_crafted_admin_post(
    admin_client_logged_in,
):
    revision = DeclarationRevisionFactory()
    MemberFactory(revision=revision)
    revision_transition(revision=revision, new=Status.SUBMITTED)
    url = f"/admin/declarations/declarationrevision/{revision.pk}/change/"
    response = admin_client_logged_in.post(
        url, {"region_name": "改ざん", "aspiration": "改ざん", "number": 1}
    )
    assert response.status_code == 403
    assert (
        DeclarationRevision.objects.get(pk=revision.pk).region_name == "瀬戸内テスト広域リージョン"
    )
    delete = admin_client_logged_in.post(
        f"/admin/declarations/declarationrevision/{revision.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403


def test_admin_pages_of_the_filing_models_open(admin_client_logged_in):
    project = ProjectFactory()
    revision = DeclarationRevisionFactory()
    for url in (
        "/admin/declarations/declarationrevision/",
        f"/admin/declarations/declarationrevision/{revision.pk}/change/",
        "/admin/projects/project/",
        f"/admin/projects/project/{project.pk}/change/",
        "/admin/visions/visionrevision/",
        "/admin/declarations/municipality/?q=ふちゅう",
    ):
        assert admin_client_logged_in.get(url).status_code == 200, url


def test_a_frozen_revision_refused_by_the_model_layer_answers_403_not_500(
    admin_client_logged_in, monkeypatch
):
    """Should the admin's own check pass (a stale page), the model layer still refuses and the
    admin turns its FrozenRevisionError into a 403 page."""
    from ministry.admin.declarations import FrozenAfterDraftMixin

    revision = DeclarationRevisionFactory()
    revision_transition(revision=revision, new=Status.SUBMITTED)
    monkeypatch.setattr(FrozenAfterDraftMixin, "_editable", lambda self, obj: True)
    response = admin_client_logged_in.post(
        f"/admin/declarations/declarationrevision/{revision.pk}/change/",
        {
            "declaration": revision.declaration_id,
            "number": revision.number,
            "kind": "established",
            "region_name": "改ざん",
            "version": 1,
            "fields-TOTAL_FORMS": "0",
            "fields-INITIAL_FORMS": "0",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 403
    assert (
        DeclarationRevision.objects.get(pk=revision.pk).region_name == "瀬戸内テスト広域リージョン"
    )
    delete = admin_client_logged_in.post(
        f"/admin/declarations/declarationrevision/{revision.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert DeclarationRevision.objects.filter(pk=revision.pk).exists()


def test_a_draft_can_still_be_edited_by_a_superuser(admin_client_logged_in):
    revision = DeclarationRevisionFactory()
    response = admin_client_logged_in.post(
        f"/admin/declarations/declarationrevision/{revision.pk}/change/",
        {
            "declaration": revision.declaration_id,
            "number": revision.number,
            "kind": "established",
            "region_name": "直した名称",
            "version": 1,
            "fields-TOTAL_FORMS": "0",
            "fields-INITIAL_FORMS": "0",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert DeclarationRevision.objects.get(pk=revision.pk).region_name == "直した名称"


def test_a_submitted_revision_links_to_its_review_page(admin_client_logged_in):
    draft = DeclarationRevisionFactory()
    submitted = DeclarationRevisionFactory()
    revision_transition(revision=submitted, new=Status.SUBMITTED)
    page = admin_client_logged_in.get(
        f"/admin/declarations/declarationrevision/{submitted.pk}/change/"
    )
    assert f"/admin/reviews/review/revisions/declaration/{submitted.pk}/" in page.content.decode()
    page = admin_client_logged_in.get(f"/admin/declarations/declarationrevision/{draft.pk}/change/")
    assert "/admin/reviews/review/revisions/" not in page.content.decode()


def test_the_revision_lists_do_not_query_per_row(
    admin_client_logged_in, django_assert_max_num_queries
):
    from tests.factories import VisionRevisionFactory

    for _ in range(5):
        DeclarationRevisionFactory()
        VisionRevisionFactory()
    for url in ("/admin/declarations/declarationrevision/", "/admin/visions/visionrevision/"):
        with django_assert_max_num_queries(12):
            assert admin_client_logged_in.get(url).status_code == 200
