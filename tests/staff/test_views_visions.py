# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The vision pages of the staff UI: create, edit (aspiration and roadmap, or a plan cited
instead; verification), add projects, submit, change with the declaration-sync offer,
abolish, concurrency and bad input."""

from datetime import date

import pytest
from django.test import Client

from accounts.models import RegionRole
from declarations.lifecycle import Kind, Status
from projects.models import Project
from tests.factories import UserFactory
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    declaration,
    editor,
    editor_client,
    form_values,
    imported,
    other_region,
    outsider,
    publish,
    region,
    single,
    viewer,
)
from visions.models import VisionRevision
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/vision/1/"


def vision(region, number=1) -> VisionRevision:
    return VisionRevision.objects.get(vision__region=region, number=number)


def codes(response) -> list[str]:
    return [i.finding.code for g in response.context["checklist"].groups for i in g.items]


@pytest.fixture
def draft(editor_client, region):
    editor_client.post("/staff/setouchi/declaration/new/")
    editor_client.post("/staff/setouchi/vision/new/")
    return vision(region)


def save(client, url, data, **changes):
    return client.post(url, single(data, save="1", **changes))


def test_a_vision_needs_a_declaration_first(editor_client, region):
    response = editor_client.post("/staff/setouchi/vision/new/", follow=True)

    assert "先に連携宣言書を作成してください" in response.content.decode()
    assert not VisionRevision.objects.exists()


def test_creating_the_vision_makes_draft_revision_one(editor_client, draft):
    assert (draft.number, draft.status, draft.kind) == (1, Status.DRAFT, Kind.ESTABLISHED)
    assert "連携ビジョンを作成する" not in editor_client.get("/staff/setouchi/").content.decode()


def test_aspiration_roadmap_and_verification_are_saved(editor_client, draft):
    data = form_values(editor_client.get(URL), "vision-form")

    response = save(
        editor_client,
        URL,
        data,
        aspiration="10年後の姿",
        roadmap="段階的に",
        verified_on="2026-03-31",
        verification_note="効果を確かめた",
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.aspiration, draft.roadmap, draft.verified_on, draft.verification_note) == (
        "10年後の姿",
        "段階的に",
        date(2026, 3, 31),
        "効果を確かめた",
    )
    assert draft.aspiration_plan_reference is None


def test_a_plan_cited_instead_of_the_aspiration_satisfies_the_rule(editor_client, draft):
    data = form_values(editor_client.get(URL), "vision-form")
    assert "vision.aspiration" in codes(editor_client.get(URL))

    save(
        editor_client,
        URL,
        data,
        aspiration_plan="中国圏広域地方計画",
        aspiration_section="第2部第1章",
    )

    draft.refresh_from_db()
    assert draft.aspiration_plan_reference == {
        "plan": "中国圏広域地方計画",
        "section": "第2部第1章",
        "note": "",
    }
    page = editor_client.get(URL)
    assert "vision.aspiration" not in codes(page)
    assert "vision.roadmap" in codes(page)


def test_a_plan_section_without_the_plan_is_refused_and_kept(editor_client, draft):
    data = form_values(editor_client.get(URL), "vision-form")

    response = save(editor_client, URL, data, roadmap_section="第3章", roadmap="書きかけ")

    assert response.status_code == 200
    html = response.content.decode()
    assert "id_roadmap_plan_error" in html and 'value="第3章"' in html and "書きかけ" in html
    draft.refresh_from_db()
    assert draft.roadmap == ""


def test_a_bad_verification_date_is_refused_next_to_the_field(editor_client, draft):
    data = form_values(editor_client.get(URL), "vision-form")

    response = save(editor_client, URL, data, verified_on="令和8年3月31日")

    assert "id_verified_on_error" in response.content.decode()
    assert 'value="令和8年3月31日"' in response.content.decode()


def test_save_and_add_project_keeps_the_typed_vision_and_opens_the_new_project(
    editor_client, draft
):
    data = form_values(editor_client.get(URL), "vision-form")

    response = editor_client.post(URL, single(data, aspiration="保存される姿", add_project="1"))

    project = draft.projects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/setouchi/vision/1/projects/{project.pk}/"
    draft.refresh_from_db()
    assert draft.aspiration == "保存される姿" and draft.version == 3


def test_the_checklist_links_project_findings_to_the_project_page(editor_client, draft):
    data = form_values(editor_client.get(URL), "vision-form")
    editor_client.post(URL, single(data, add_project="1"))
    project = draft.projects.get()

    page = editor_client.get(URL)

    hrefs = {i.finding.code: i.href for g in page.context["checklist"].groups for i in g.items}
    base = f"/staff/setouchi/vision/1/projects/{project.pk}/"
    assert hrefs["project.name"] == base + "#p-name"
    assert hrefs["project.period"] == base + "#p-period"
    assert hrefs["vision.aspiration"] == "#aspiration"
    assert hrefs["change.consultation"] == "#revision-info"  # 策定 needs its 協議 date (第4(1))
    assert [g.clause for g in page.context["checklist"].groups] == ["第2", "第4"]


def test_a_viewer_reads_the_vision_but_cannot_edit(client, draft, viewer):
    client.force_login(viewer)

    page = client.get(URL)

    assert page.status_code == 200 and 'id="vision-form"' not in page.content.decode()
    assert client.post(URL, {"aspiration": "x", "version": "1"}).status_code == 404
    assert client.post("/staff/setouchi/vision/new/").status_code == 404


def test_staff_of_another_region_gets_404(client, draft, outsider):
    client.force_login(outsider)

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"aspiration": "x", "version": "1"}).status_code == 404


def test_two_editors_on_the_vision_the_later_is_told_and_sees_both(draft, editor, region):
    other = UserFactory(username="editor2")
    RegionRole.objects.create(user=other, region=region, role=RegionRole.Role.EDITOR)
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    mine = form_values(first.get(URL), "vision-form")
    theirs = form_values(second.get(URL), "vision-form")

    save(second, URL, theirs, aspiration="先に保存した姿")
    response = save(first, URL, mine, aspiration="後から書いた姿")

    html = response.content.decode()
    assert "あなたが開いた後に別の人が保存しました" in html
    assert "後から書いた姿" in html and "先に保存した姿" in html
    draft.refresh_from_db()
    assert draft.aspiration == "先に保存した姿"


@pytest.mark.parametrize("field", ["aspiration", "roadmap", "verification_note"])
def test_long_control_and_script_text_never_answers_500(editor_client, draft, field):
    data = form_values(editor_client.get(URL), "vision-form")

    too_long = save(editor_client, URL, data, **{field: "x" * 20_001})
    assert too_long.status_code == 200 and f"id_{field}_error" in too_long.content.decode()

    save(editor_client, URL, data, **{field: "<img src=x onerror=alert(1)>\x01\x1f"})
    draft.refresh_from_db()
    assert getattr(draft, field) == "<img src=x onerror=alert(1)>"
    assert "<img src=x" not in editor_client.get(URL).content.decode()


# ---------------------------------------------------------------- submit, change, sync, abolition


def test_a_vision_is_submitted_once_its_warnings_are_acknowledged(editor_client, imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    revision = imported.vision_revision
    Project.objects.filter(revision=revision).first().milestones.all().delete()
    page = editor_client.get(URL)
    warnings = page.context["checklist"].warning_items
    # the sample vision has its 協議 date but no 協議の記録 attached (ADR 0120)
    assert [w.finding.code for w in warnings] == ["consultation.record", "project.milestones"]

    editor_client.post(URL + "submit/", {"version": str(revision.version)})
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT

    editor_client.post(
        URL + "submit/",
        {"version": str(revision.version), "acknowledge": [w.ack_value for w in warnings]},
    )
    revision.refresh_from_db()
    assert revision.status == Status.SUBMITTED
    assert 'id="vision-form"' not in editor_client.get(URL).content.decode()


@pytest.fixture
def published(imported, editor):
    publish(imported.declaration_revision, editor)
    return publish(imported.vision_revision, editor)


def test_a_vision_change_starts_prefilled_with_its_projects(editor_client, published, region):
    response = editor_client.post("/staff/setouchi/vision/change/")

    change = vision(region, 2)
    assert response["Location"] == "/staff/setouchi/vision/2/"
    assert (
        "連携ビジョン 第2版（変更）を作成しました"
        in editor_client.get(response["Location"]).content.decode()
    )
    assert (change.kind, change.status, change.aspiration) == (
        Kind.CHANGED,
        Status.DRAFT,
        published.aspiration,
    )
    old = list(published.projects.values_list("name", "budget_total"))
    assert list(change.projects.values_list("name", "budget_total")) == old
    assert (
        change.projects.first().milestones.count() == published.projects.first().milestones.count()
    )
    assert "change.consultation" in codes(editor_client.get("/staff/setouchi/vision/2/"))


def test_a_vision_change_with_a_member_the_declaration_lacks_offers_the_declaration_change(
    editor_client, published, region
):
    # The declaration change that adds 高松市 is under way; the vision change uses it already.
    editor_client.post("/staff/setouchi/declaration/change/")
    url = "/staff/setouchi/declaration/2/"
    data = form_values(editor_client.get(url), "declaration-form")
    data = form_values(editor_client.post(url, single(data, pick="372013")), "declaration-form")
    editor_client.post(url, single(data, save="1"))
    editor_client.post("/staff/setouchi/vision/change/")
    change = vision(region, 2)
    project = change.projects.first()
    project_url = f"/staff/setouchi/vision/2/projects/{project.pk}/"
    data = form_values(editor_client.get(project_url), "project-form")
    data["implementers"] = [*data["implementers"], "city372013"]
    assert editor_client.post(project_url, single(data, save="1")).status_code == 302

    page = editor_client.get("/staff/setouchi/vision/2/")

    assert "change.declaration_sync" in codes(page)
    html = page.content.decode()
    assert "連携宣言の変更が必要です" in html
    assert 'href="/staff/setouchi/declaration/2/"' in html


def test_without_a_declaration_change_under_way_the_page_offers_to_start_one(
    editor_client, published, region
):
    editor_client.post("/staff/setouchi/vision/change/")
    project = vision(region, 2).projects.first()

    page = editor_client.get(f"/staff/setouchi/vision/2/projects/{project.pk}/")

    html = page.content.decode()
    assert 'formaction="/staff/setouchi/declaration/change/"' in html
    assert "連携宣言の変更を始める" in html
    # The offer sits inside the project form: no nested <form> whose </form> would end it
    # before the later sections (ウ … ク, the targets).
    project_form = html[html.index('id="project-form"') :]
    project_form = project_form[: project_form.index("</form>")]
    assert "<form" not in project_form and 'id="p-targets"' in project_form


def test_vision_abolition_records_reason_and_date_and_freezes_the_projects(
    editor_client, published, region
):
    response = editor_client.post(
        "/staff/setouchi/vision/abolish/",
        {"reason": "計画期間の終了", "consulted_on": "2030-03-01"},
    )

    abolition = vision(region, 2)
    assert response["Location"] == "/staff/setouchi/vision/2/"
    assert (abolition.kind, abolition.reason, abolition.consulted_on) == (
        Kind.ABOLISHED,
        "計画期間の終了",
        date(2030, 3, 1),
    )
    page = editor_client.get("/staff/setouchi/vision/2/")
    assert 'name="aspiration"' not in page.content.decode()
    assert "保存してプロジェクトを追加" not in page.content.decode()
    project = abolition.projects.first()
    refused = editor_client.post(
        f"/staff/setouchi/vision/2/projects/{project.pk}/",
        {"name": "変える", "version": str(abolition.version), "save": "1"},
        follow=True,
    )
    assert "廃止の版" in refused.content.decode()
    project.refresh_from_db()
    assert project.name != "変える"


def test_a_vision_change_waits_for_a_pending_revision(editor_client, imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    revision_submit(revision=imported.vision_revision, actor=editor, acknowledged=None)

    response = editor_client.post("/staff/setouchi/vision/change/", follow=True)

    assert "審査中" in response.content.decode()
    assert VisionRevision.objects.count() == 1


# ---------------------------------------------------------------- queries


def test_the_vision_page_queries_do_not_grow_with_the_projects(
    editor_client, imported, django_assert_max_num_queries
):
    from tests.factories import BudgetLineFactory, ImplementerFactory, MilestoneFactory

    revision = imported.vision_revision

    def add_projects(count):
        start = revision.projects.count()
        for index in range(start, start + count):
            project = Project.objects.create(revision=revision, position=index, name=f"P{index}")
            ImplementerFactory(project=project, member_key="okayama", name="")
            BudgetLineFactory(project=project, fiscal_year=2026)
            MilestoneFactory(project=project)

    with django_assert_max_num_queries(60) as few:
        editor_client.get(URL)
    add_projects(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(URL)
