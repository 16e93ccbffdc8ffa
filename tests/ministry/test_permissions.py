"""The reviewer group has exactly the permissions it needs, reviewers reach nothing else in the
admin, and nobody changes a submitted revision's content through the admin, even with a
crafted POST: the admin answers 403 (never 500) and the data stays as it was."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import REVIEWER_GROUP
from declarations.models import DeclarationRevision, Member
from projects.models import Project
from tests.factories import UserFactory
from tests.review_helpers import signed_in
from visions.models import VisionRevision

pytestmark = pytest.mark.django_db

EXPECTED_PERMISSIONS = {
    "declarations.view_region",
    "declarations.view_organization",
    "declarations.view_declaration",
    "declarations.view_declarationrevision",
    "declarations.view_declarationfield",
    "declarations.view_member",
    "declarations.view_statuschange",
    "declarations.view_prefecture",
    "declarations.view_municipality",
    "visions.view_vision",
    "visions.view_visionrevision",
    "projects.view_project",
    "projects.view_implementer",
    "projects.view_planreference",
    "projects.view_budgetline",
    "projects.view_milestone",
    "reviews.view_comment",
    "reviews.add_comment",
    "reviews.resolve_comment",
    "reviews.view_review",
    "reviews.return_revision",
    "reviews.accept_revision",
    # 検証 records (reports 0002, ADR 0105): read them and the reminders, return or accept.
    "reports.view_verification",
    "reports.view_assessment",
    "reports.view_verificationreminder",
    "reports.return_verification",
    "reports.accept_verification",
    # the yearly results (reports 0004, ADR 0108)
    "reports.view_targetresult",
    "reports.view_resultreminder",
    "reports.return_targetresult",
    "reports.accept_targetresult",
    "reviews.view_advicerequest",  # 事前相談 (ADR 0116)
    "attachments.view_attachment",  # the attachments of sent revisions (ADR 0118)
    # requests for new support measures (support 0003, ADR 0116): read, forward, publish
    "support.view_supportrequest",
    "support.publish_supportrequest",
    "support.view_requestforwarding",
    "support.add_requestforwarding",
    "support.change_requestforwarding",
    "support.view_supportrequestevent",
    # pins and hides of the measures matched to a project (support 0002, ADR 0115)
    "support.view_supportmatchdecision",
    "support.change_supportmatchdecision",
    "support.view_supportmatchevent",
    # the support-measure catalogue (support 0001, ADR 0114): reviewers keep it with operators
    "support.view_supportmeasure",
    "support.add_supportmeasure",
    "support.change_supportmeasure",
    "support.delete_supportmeasure",
}


def test_the_reviewer_group_has_exactly_the_permissions_a_reviewer_needs():
    group = Group.objects.get(name=REVIEWER_GROUP)
    granted = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert granted == EXPECTED_PERMISSIONS


def test_the_reviewer_group_cannot_change_or_delete_any_revision_or_its_rows(reviewer):
    for model in ("declarationrevision", "member", "declarationfield"):
        for verb in ("add", "change", "delete"):
            assert not reviewer.has_perm(f"declarations.{verb}_{model}")
    for model in ("visionrevision",):
        for verb in ("add", "change", "delete"):
            assert not reviewer.has_perm(f"visions.{verb}_{model}")
    for model in ("project", "implementer", "budgetline", "milestone", "planreference"):
        for verb in ("add", "change", "delete"):
            assert not reviewer.has_perm(f"projects.{verb}_{model}")
    for verb in ("add", "change", "delete"):
        assert not reviewer.has_perm(f"reviews.{verb}_review")
    assert not reviewer.has_perm("reviews.change_comment")
    assert not reviewer.has_perm("reviews.delete_comment")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/accounts/regionrole/",
        "/admin/accounts/invitation/",
    ],
)
def test_a_reviewer_cannot_reach_user_and_role_administration(reviewer_client, url):
    assert reviewer_client.get(url).status_code == 403


def test_a_reviewer_cannot_make_someone_a_superuser_with_a_crafted_post(reviewer_client, reviewer):
    other = UserFactory(username="someone")
    response = reviewer_client.post(
        f"/admin/auth/user/{other.pk}/change/",
        {"username": "someone", "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert not other.is_superuser


def test_a_reviewer_reads_revisions_in_the_admin_but_gets_no_save_button(
    reviewer_client, submitted
):
    revision = submitted.declaration_revision
    page = reviewer_client.get(f"/admin/declarations/declarationrevision/{revision.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert "審査の画面を開く" in page.content.decode()


def _crafted_declaration_post(revision):
    member = revision.members.first()
    return {
        "declaration": revision.declaration_id,
        "number": revision.number,
        "kind": "established",
        "region_name": "改ざんされた名称",
        "aspiration": "改ざん",
        "version": revision.version,
        "fields-TOTAL_FORMS": "0",
        "fields-INITIAL_FORMS": "0",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "1",
        "members-0-id": member.pk,
        "members-0-revision": revision.pk,
        "members-0-name": "改ざんされた団体",
        "members-0-key": member.key,
        "members-0-kind": member.kind,
        "members-0-organization": member.organization_id,
        "members-0-DELETE": "on",
    }


@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_crafted_posts_cannot_change_a_submitted_declaration(who, request, submitted):
    user = request.getfixturevalue(who)
    client = signed_in(user)
    revision = submitted.declaration_revision
    before = list(revision.members.values_list("name", flat=True))
    base = f"/admin/declarations/declarationrevision/{revision.pk}"
    assert client.post(f"{base}/change/", _crafted_declaration_post(revision)).status_code == 403
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(
        "/admin/declarations/declarationrevision/",
        {"action": "delete_selected", "_selected_action": [revision.pk], "post": "yes"},
    ).status_code in (200, 302, 403)
    revision.refresh_from_db()
    assert revision.region_name == "瀬戸内広域リージョン"
    assert list(revision.members.values_list("name", flat=True)) == before
    assert DeclarationRevision.objects.filter(pk=revision.pk).exists()


def test_a_reviewer_cannot_add_a_revision_or_a_project(reviewer_client, submitted):
    vision = submitted.vision_revision
    assert reviewer_client.get("/admin/declarations/declarationrevision/add/").status_code == 403
    response = reviewer_client.post(
        "/admin/projects/project/add/", {"revision": vision.pk, "name": "紛れ込ませたプロジェクト"}
    )
    assert response.status_code == 403
    assert not Project.objects.filter(name="紛れ込ませたプロジェクト").exists()


@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_crafted_posts_cannot_change_a_submitted_vision_or_its_projects(who, request, submitted):
    client = signed_in(request.getfixturevalue(who))
    vision = submitted.vision_revision
    project = vision.projects.first()
    response = client.post(
        f"/admin/visions/visionrevision/{vision.pk}/change/",
        {"vision": vision.vision_id, "number": vision.number, "aspiration": "改ざん"},
    )
    assert response.status_code == 403
    response = client.post(
        f"/admin/projects/project/{project.pk}/change/",
        {"revision": vision.pk, "name": "改ざん", "content": "改ざん"},
    )
    assert response.status_code == 403
    assert (
        client.post(f"/admin/projects/project/{project.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    vision.refresh_from_db()
    project.refresh_from_db()
    assert vision.aspiration != "改ざん" and project.name != "改ざん"


def test_a_superuser_cannot_add_a_project_to_a_submitted_vision(superuser, submitted):
    client = signed_in(superuser)
    response = client.post(
        "/admin/projects/project/add/",
        {
            "revision": submitted.vision_revision.pk,
            "name": "紛れ込ませたプロジェクト",
            "position": 9,
            **{
                f"{prefix}-{suffix}": "0"
                for prefix in ("implementers", "plan_references", "budget_lines", "milestones")
                for suffix in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 200  # the form shows the error: not a draft revision
    assert (
        "正しく選択してください" in response.content.decode()
        or "errorlist" in response.content.decode()
    )
    assert not Project.objects.filter(name="紛れ込ませたプロジェクト").exists()


def test_bulk_deleting_submitted_revisions_is_refused_not_a_server_error(superuser, submitted):
    client = signed_in(superuser)
    pks = [submitted.vision_revision.pk]
    response = client.post(
        "/admin/visions/visionrevision/",
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert response.status_code in (200, 403)
    assert VisionRevision.objects.filter(pk__in=pks).count() == 1
    assert Member.objects.filter(revision=submitted.declaration_revision).exists()


def test_the_advice_and_support_request_pages_need_the_reviewers_permissions(
    reviewer_client, imported, editor
):
    """事前相談 and 新たな支援措置の求め (ADR 0116): reviewers reach them; admin staff
    without the permissions get 403; a region's editor (not admin staff) the admin log-in."""
    from reviews.advice import advice_ask
    from support.request_services import RequestInput, request_save, request_submit

    advice = advice_ask(revision=imported.declaration_revision, actor=editor, question="相談")
    request = request_submit(
        request=request_save(
            region=imported.region,
            actor=editor,
            data=RequestInput(
                title="求め",
                project_names=["瀬戸内MaaS推進プロジェクト"],
                needed="n",
                reason="r",
                ministries=["総務省"],
            ),
        ),
        actor=editor,
    )
    urls = [
        "/admin/reviews/advicerequest/queue/",
        f"/admin/reviews/advicerequest/{advice.pk}/answer/",
        "/admin/support/supportrequest/",
        f"/admin/support/supportrequest/{request.pk}/change/",
    ]
    clerk = signed_in(UserFactory(username="clerk", is_staff=True))
    for url in urls:
        assert reviewer_client.get(url).status_code == 200, url
        assert clerk.get(url).status_code == 403, url
        assert signed_in(editor).get(url).status_code == 302, url
