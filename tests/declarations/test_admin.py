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
