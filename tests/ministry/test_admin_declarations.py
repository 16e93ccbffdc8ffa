"""The minimal admin: master data and the audit trail are read-only; a frozen revision cannot be edited."""

import pytest

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from declarations.services import revision_transition
from tests.factories import DeclarationRevisionFactory, MemberFactory, ProjectFactory
from tests.mfa_helpers import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "root", "root@example.jp", "pw-for-tests-only"
    )
    return verified_client(user, client)


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


def _inlines(*prefixes):
    return {
        key: "0"
        for prefix in prefixes
        for key in (f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS")
    }


def test_an_admin_edit_of_a_draft_bumps_its_version_so_a_stale_staff_save_conflicts(
    admin_client_logged_in,
):
    from declarations.services import DraftConflict
    from workflow.drafts import DeclarationDraft, declaration_draft_save

    revision = DeclarationRevisionFactory()
    opened = revision.version  # the staff editor opened the draft at this version
    response = admin_client_logged_in.post(
        f"/admin/declarations/declarationrevision/{revision.pk}/change/",
        {
            "declaration": revision.declaration_id,
            "number": revision.number,
            "kind": "established",
            "region_name": "管理画面で直した名称",
            "opened_version": opened,
            **_inlines("fields", "members"),
        },
    )

    assert response.status_code == 302
    stored = DeclarationRevision.objects.get(pk=revision.pk)
    assert (stored.region_name, stored.version) == ("管理画面で直した名称", opened + 1)
    with pytest.raises(DraftConflict):
        declaration_draft_save(
            revision=revision, version=opened, draft=DeclarationDraft(region_name="職員の名称")
        )
    assert DeclarationRevision.objects.get(pk=revision.pk).region_name == "管理画面で直した名称"


def test_an_admin_edit_of_a_draft_opened_before_a_staff_save_is_refused(admin_client_logged_in):
    from workflow.drafts import DeclarationDraft, declaration_draft_save

    revision = DeclarationRevisionFactory()
    opened = revision.version
    declaration_draft_save(
        revision=revision, version=opened, draft=DeclarationDraft(region_name="職員の名称")
    )
    response = admin_client_logged_in.post(
        f"/admin/declarations/declarationrevision/{revision.pk}/change/",
        {
            "declaration": revision.declaration_id,
            "number": revision.number,
            "kind": "established",
            "region_name": "古い画面からの名称",
            "opened_version": opened,
            **_inlines("fields", "members"),
        },
        follow=True,
    )

    assert "別の人が保存しました" in response.content.decode()
    assert DeclarationRevision.objects.get(pk=revision.pk).region_name == "職員の名称"


def test_an_admin_edit_of_a_project_bumps_its_vision_drafts_version(admin_client_logged_in):
    from visions.models import VisionRevision

    project = ProjectFactory()
    vision = project.revision
    response = admin_client_logged_in.post(
        f"/admin/projects/project/{project.pk}/change/",
        {
            "revision": vision.pk,
            "position": project.position,
            "name": "管理画面で直したプロジェクト",
            "vision_version": vision.version,
            **_inlines("implementers", "plan_references", "budget_lines", "milestones"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert VisionRevision.objects.get(pk=vision.pk).version == vision.version + 1


def test_a_vision_draft_edited_in_the_admin_bumps_its_version(admin_client_logged_in):
    from tests.factories import VisionRevisionFactory
    from visions.models import VisionRevision

    vision = VisionRevisionFactory()
    response = admin_client_logged_in.post(
        f"/admin/visions/visionrevision/{vision.pk}/change/",
        {
            "vision": vision.vision_id,
            "number": vision.number,
            "kind": "established",
            "aspiration": "管理画面で直した目指す姿",
            "opened_version": vision.version,
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    stored = VisionRevision.objects.get(pk=vision.pk)
    assert (stored.aspiration, stored.version) == ("管理画面で直した目指す姿", vision.version + 1)


def test_a_revision_added_in_the_admin_asks_whether_one_may_start(admin_client_logged_in):
    submitted = DeclarationRevisionFactory()
    revision_transition(revision=submitted, new=Status.SUBMITTED)

    response = admin_client_logged_in.post(
        "/admin/declarations/declarationrevision/add/",
        {
            "declaration": submitted.declaration_id,
            "number": 2,
            "kind": "changed",
            "region_name": "二つ目の下書き",
            **_inlines("fields", "members"),
        },
    )

    assert response.status_code == 200
    assert "審査が終わるまで新しい版は作れません" in response.content.decode()
    assert DeclarationRevision.objects.count() == 1


@pytest.fixture
def root_client(client, django_user_model):
    """A superuser with a verified second factor (the admin asks every user for one)."""
    from tests.mfa_helpers import verified_client

    user = django_user_model.objects.create_superuser("root", "root@example.jp", "pw-only")
    return verified_client(user, client)


def test_a_revision_added_in_the_admin_gets_its_creation_row(root_client):
    from declarations.models import Declaration, StatusChange
    from tests.factories import RegionFactory

    declaration = Declaration.objects.create(region=RegionFactory())

    response = root_client.post(
        "/admin/declarations/declarationrevision/add/",
        {
            "declaration": declaration.pk,
            "number": 1,
            "kind": "established",
            "region_name": "管理画面で作った版",
            **_inlines("fields", "members"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    revision = DeclarationRevision.objects.get()
    row = StatusChange.objects.get()
    assert (row.revision, row.old, row.new) == (revision, "", Status.DRAFT)
    assert row.actor.username == "root"
    assert "管理画面" in row.comment


def test_a_vision_revision_added_in_the_admin_gets_its_creation_row(root_client):
    from declarations.models import StatusChange
    from visions.models import Vision, VisionRevision

    declaration_revision = DeclarationRevisionFactory()
    vision = Vision.objects.create(region=declaration_revision.region)

    response = root_client.post(
        "/admin/visions/visionrevision/add/",
        {
            "vision": vision.pk,
            "number": 1,
            "kind": "established",
            "declaration_revision": declaration_revision.pk,
            "roadmap": "",
            "aspiration": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    row = StatusChange.objects.get()
    assert (row.revision, row.new) == (VisionRevision.objects.get(), Status.DRAFT)
    assert row.actor.username == "root"
