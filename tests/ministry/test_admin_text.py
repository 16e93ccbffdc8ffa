"""Text typed in the admin's draft forms goes through the one text cleaner (filing.text),
like the staff forms and the bundle (issue 12, item 2)."""

import pytest

from declarations.models import DeclarationRevision
from projects.models import Milestone
from tests.factories import DeclarationRevisionFactory, ProjectFactory
from tests.mfa_helpers import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.jp", "pw-tests")
    return verified_client(user, client)


def _inlines(*prefixes):
    return {
        key: "0"
        for prefix in prefixes
        for key in (f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS")
    }


def _post_revision(root, revision, **values):
    return root.post(
        f"/admin/declarations/declarationrevision/{revision.pk}/change/",
        {
            "declaration": revision.declaration_id,
            "number": revision.number,
            "kind": "established",
            "opened_version": revision.version,
            **_inlines("fields", "members"),
            **values,
        },
    )


def test_a_draft_edited_in_the_admin_is_cleaned_like_every_other_entrance(root):
    revision = DeclarationRevisionFactory()

    response = _post_revision(
        root,
        revision,
        region_name="瀬戸内\x0b広域\x1bリージョン",
        aspiration="一行目\x0b二行目\r\n三行目\x7f",
    )

    assert response.status_code == 302
    stored = DeclarationRevision.objects.get(pk=revision.pk)
    assert stored.region_name == "瀬戸内 広域リージョン"
    assert stored.aspiration == "一行目\n二行目\n三行目"


def test_nul_in_the_admin_is_refused_next_to_the_field_and_nothing_is_saved(root):
    revision = DeclarationRevisionFactory(region_name="元の名称")

    response = _post_revision(root, revision, region_name="瀬戸内\x00")

    assert response.status_code == 200
    assert "NUL（U+0000）" in response.content.decode()
    assert DeclarationRevision.objects.get(pk=revision.pk).region_name == "元の名称"


def test_the_inlines_of_a_project_are_cleaned_too(root):
    project = ProjectFactory()
    vision = project.revision

    response = root.post(
        f"/admin/projects/project/{project.pk}/change/",
        {
            "revision": vision.pk,
            "position": project.position,
            "name": "名称\x1b",
            "content": "内容\x0c続き",
            "vision_version": vision.version,
            **_inlines("implementers", "plan_references", "budget_lines"),
            "milestones-TOTAL_FORMS": "1",
            "milestones-INITIAL_FORMS": "0",
            "milestones-0-date": "2027-03-31",
            "milestones-0-position": "0",
            "milestones-0-target": "拠点\x1bの\x0b開設",
        },
    )

    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
    )
    project.refresh_from_db()
    assert (project.name, project.content) == ("名称", "内容\n続き")
    assert Milestone.objects.get(project=project).target == "拠点の 開設"
