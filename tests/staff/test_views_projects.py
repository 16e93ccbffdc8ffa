# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The project page of the staff UI: items ア–ク, implementers from the members plus outside
bodies, joint-body founders, budget lines with their sum, milestones; rows added without
JavaScript; bad input; other regions' projects; concurrency; query counts."""

from datetime import date

import pytest
from django.test import Client

from accounts.models import RegionRole
from declarations.lifecycle import Status
from projects.models import Project
from tests.factories import (
    DeclarationFactory,
    DeclarationRevisionFactory,
    ProjectFactory,
    UserFactory,
    VisionFactory,
    VisionRevisionFactory,
)
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    form_values,
    imported,
    other_region,
    outsider,
    project,
    region,
    single,
    viewer,
)
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(project):
    return f"/staff/setouchi/vision/1/projects/{project.pk}/"


@pytest.fixture
def empty_project(editor_client, imported):
    data = form_values(editor_client.get("/staff/setouchi/vision/1/"), "vision-form")
    editor_client.post("/staff/setouchi/vision/1/", single(data, add_project="1"))
    return imported.vision_revision.projects.order_by("-position").first()


def page_data(client, url):
    return form_values(client.get(url), "project-form")


def add_row(client, url, data, prefix):
    return form_values(client.post(url, single(data, add=prefix)), "project-form")


def save(client, url, data, **changes):
    return client.post(url, single(data, save="1", **changes))


def test_every_item_of_a_project_is_saved(editor_client, empty_project):
    url = f"/staff/setouchi/vision/1/projects/{empty_project.pk}/"
    data = page_data(editor_client, url)
    for prefix in ("outside", "plans", "milestones"):
        data = add_row(editor_client, url, data, prefix)
    # the period lays out its 年度 in the budget grid (ADR 0097)
    refreshed = editor_client.post(
        url, single(data, budget_refresh="1", start="2026-04-01", end="2028-03-31")
    )
    data = form_values(refreshed, "project-form")

    response = save(
        editor_client,
        url,
        data,
        name="瀬戸内観光MaaS",
        implementers=["okayama", "keizai"],
        outside__0__name="瀬戸内観光推進機構",
        joint_body_of=["hiroshima", "keizai"],
        plans__0__plan="中国圏広域地方計画",
        plans__0__section="第3章",
        content="県が基盤を、経済団体が事業者連携を担う",
        has_budget="on",
        budget_total="1,000,000",
        budget__y2026="４００，０００円",
        budget__y2027="600000",
        effects="周遊の増加",
        start="2026-04-01",
        end="2028-03-31",
        milestones__0__date="2027-03-31",
        milestones__0__target="実証開始",
        other="特になし",
    )

    assert response.status_code == 302
    project = Project.objects.get(pk=empty_project.pk)
    assert (project.name, project.content, project.effects, project.other) == (
        "瀬戸内観光MaaS",
        "県が基盤を、経済団体が事業者連携を担う",
        "周遊の増加",
        "特になし",
    )
    assert [(i.member_key, i.name) for i in project.implementers.all()] == [
        ("okayama", ""),
        ("keizai", ""),
        ("", "瀬戸内観光推進機構"),
    ]
    assert project.joint_body_of == ["hiroshima", "keizai"]
    assert [(r.plan, r.section) for r in project.plan_references.all()] == [
        ("中国圏広域地方計画", "第3章")
    ]
    assert (project.has_budget, project.budget_total) == (True, 1_000_000)
    assert [(b.fiscal_year, b.amount) for b in project.budget_lines.all()] == [
        (2026, 400_000),
        (2027, 600_000),
    ]
    assert (project.start, project.end) == (date(2026, 4, 1), date(2028, 3, 31))
    assert [(m.date, m.target) for m in project.milestones.all()] == [
        (date(2027, 3, 31), "実証開始")
    ]


def test_the_budget_sum_is_computed_and_shown_beside_the_total(editor_client, url):
    page = editor_client.get(url)

    assert page.context["budget_sum"] == 300_000_000
    html = page.content.decode()
    assert "300,000,000円" in html and "総事業費と一致しています" in html


def test_a_budget_sum_that_differs_from_the_total_is_shown_and_reported(editor_client, url):
    data = page_data(editor_client, url)

    save(editor_client, url, data, budget_total="1")

    page = editor_client.get(url)
    assert "総事業費と一致していません" in page.content.decode()
    assert "project.budget" in [
        i.finding.code for g in page.context["checklist"].groups for i in g.items
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("budget_total", "-5", "0円以上"),
        ("budget_total", "百万ドル", "数字で入力してください"),
        ("budget_total", "1" * 17, "1,000兆円以下"),
        ("budget__y2026", "-1", "0円以上"),
        ("budget__y2027", "1.5", "1円未満の端数"),
        ("start", "2026-13-01", "正しく入力"),
        ("milestones__0__date", "明日", "正しく入力"),
        ("name", "名" * 201, "200"),
    ],
)
def test_wrong_types_are_refused_next_to_the_field_with_the_value_kept(
    editor_client, url, project, field, value, message
):
    data = page_data(editor_client, url)

    response = save(editor_client, url, data, **{field: value})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and f"id_{field.replace('__', '-')}_error" in html
    assert value.replace('"', "&quot;") in html
    project.refresh_from_db()
    assert project.budget_total == 300_000_000


def test_add_row_without_javascript_keeps_everything_typed(editor_client, url, project):
    data = page_data(editor_client, url)
    new = project.milestones.count()

    response = editor_client.post(url, single(data, add="milestones", content="まだ保存しない内容"))

    html = response.content.decode()
    assert "まだ保存しない内容" in html
    assert f'name="milestones-{new}-target"' in html
    assert f'data-focus="id_milestones-{new}-date"' in html
    project.refresh_from_db()
    assert project.content != "まだ保存しない内容"


def test_rows_marked_for_deletion_are_removed(editor_client, url, project):
    data = page_data(editor_client, url)

    save(editor_client, url, data, budget__y2028="", plans__0__DELETE="on")

    assert [b.fiscal_year for b in project.budget_lines.all()] == [2026, 2027]
    assert project.plan_references.count() == 0


def test_a_forged_implementer_key_is_refused_and_nothing_changes(editor_client, url, project):
    data = page_data(editor_client, url)

    response = save(
        editor_client, url, data, implementers=["okayama", "../secret"], joint_body_of=["x" * 1000]
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "id_implementers_error" in html and "id_joint_body_of_error" in html
    assert project.implementers.filter(member_key="../secret").count() == 0


def test_a_member_key_the_declaration_lacks_is_kept_and_reported(editor_client, url, project):
    project.implementers.create(member_key="gone", position=99)

    page = editor_client.get(url)

    assert "gone（連携宣言書にない構成団体）" in page.content.decode()
    save(editor_client, url, form_values(page, "project-form"))
    assert project.implementers.filter(member_key="gone").exists()


def test_another_regions_project_is_404_in_my_region(editor_client, imported, other_region):
    foreign = ProjectFactory(
        revision=VisionRevisionFactory(vision=VisionFactory(region=other_region), number=1)
    )
    DeclarationRevisionFactory(declaration=DeclarationFactory(region=other_region), number=1)

    assert editor_client.get(f"/staff/setouchi/vision/1/projects/{foreign.pk}/").status_code == 404
    response = editor_client.post(
        f"/staff/setouchi/vision/1/projects/{foreign.pk}/", {"name": "乗っ取り", "save": "1"}
    )
    assert response.status_code == 404
    assert (
        editor_client.post(
            f"/staff/setouchi/vision/1/projects/{foreign.pk}/delete/",
            {"confirm": "1", "version": "1"},
        ).status_code
        == 404
    )
    foreign.refresh_from_db()
    assert foreign.name != "乗っ取り"


def test_a_project_under_another_revision_number_is_404(editor_client, project):
    assert editor_client.get(f"/staff/setouchi/vision/2/projects/{project.pk}/").status_code == 404


def test_staff_of_another_region_and_viewers_cannot_change_a_project(
    client, url, project, outsider, viewer
):
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(viewer)
    page = client.get(url)
    assert page.status_code == 200 and 'id="project-form"' not in page.content.decode()
    assert client.post(url, {"name": "x", "save": "1", "version": "1"}).status_code == 404
    assert client.post(url + "delete/", {"confirm": "1", "version": "1"}).status_code == 404
    assert Project.objects.filter(pk=project.pk).exists()


def test_deleting_a_project_needs_the_confirmation_and_the_current_version(
    editor_client, url, project, imported
):
    version = str(imported.vision_revision.version)

    editor_client.post(url + "delete/", {"version": version})
    assert Project.objects.filter(pk=project.pk).exists()
    editor_client.post(url + "delete/", {"version": "0", "confirm": "1"})
    assert Project.objects.filter(pk=project.pk).exists()

    response = editor_client.post(url + "delete/", {"version": version, "confirm": "1"})

    assert response["Location"] == "/staff/setouchi/vision/1/#projects"
    assert not Project.objects.filter(pk=project.pk).exists()


def test_two_editors_on_projects_of_one_vision_the_later_is_told(url, project, editor, region):
    other = UserFactory(username="editor2")
    RegionRole.objects.create(user=other, region=region, role=RegionRole.Role.EDITOR)
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    mine, theirs = page_data(first, url), page_data(second, url)

    save(second, url, theirs, content="先に保存した内容")
    response = save(first, url, mine, content="後から書いた内容")

    html = response.content.decode()
    assert "あなたが開いた後に別の人が保存しました" in html
    assert "後から書いた内容" in html and "先に保存した内容" in html
    project.refresh_from_db()
    assert project.content == "先に保存した内容"


def test_a_submitted_visions_project_is_read_only(editor_client, url, project, imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    revision_submit(revision=imported.vision_revision, actor=editor)
    imported.vision_revision.refresh_from_db()
    assert imported.vision_revision.status == Status.SUBMITTED

    page = editor_client.get(url)
    assert 'id="project-form"' not in page.content.decode()
    response = editor_client.post(url, {"name": "凍結", "save": "1", "version": "9"}, follow=True)
    assert "凍結" not in Project.objects.get(pk=project.pk).name
    assert response.status_code == 200


def test_the_project_page_queries_do_not_grow_with_the_members_or_rows(
    editor_client, url, project, imported, django_assert_max_num_queries
):
    from declarations.models import Member, Organization
    from tests.factories import MilestoneFactory

    with django_assert_max_num_queries(60) as few:
        editor_client.get(url)
    declaration = imported.declaration_revision
    for index in range(40):
        organization = Organization.objects.create(name=f"企業{index}", kind="company")
        Member.objects.create(
            revision=declaration,
            organization=organization,
            key=f"c{index}",
            name=f"企業{index}",
            kind="company",
            position=100 + index,
        )
        MilestoneFactory(project=project, target=f"目標{index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(url)


@pytest.mark.parametrize("pk", ["0", "9" * 30])
def test_an_absurd_project_id_is_404(editor_client, imported, pk):
    assert editor_client.get(f"/staff/setouchi/vision/1/projects/{pk}/").status_code == 404
    assert (
        editor_client.post(
            f"/staff/setouchi/vision/1/projects/{pk}/delete/", {"confirm": "1", "version": "1"}
        ).status_code
        == 404
    )
