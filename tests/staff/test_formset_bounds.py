# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The management forms and the fields of the staff forms are what the page rendered
(issue 12 item 4, ADR 0085): a ``*-TOTAL_FORMS`` that is huge, negative, not a number or
inconsistent with the rows sent, or a field the form renders left out of the POST, is a
bad request (400 with the portal's page, nothing saved); a page never shows more rows
than were sent plus the one asked for."""

import pytest

from declarations.models import DeclarationRevision
from projects.models import Project
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    declaration,
    editor,
    editor_client,
    form_values,
    imported,
    project,
    project_url,
    region,
    single,
)
from visions.models import VisionRevision

pytestmark = pytest.mark.django_db

DECLARATION = "/staff/setouchi/declaration/1/"
VISION = "/staff/setouchi/vision/1/"
BAD_REQUEST = "リクエストを処理できません"


def declaration_state(region):
    revision = DeclarationRevision.objects.get(declaration__region=region, number=1)
    members = list(revision.members.order_by("position").values_list("key", "name", "lg_code"))
    return revision.version, revision.region_name, revision.aspiration, members


def vision_state(region):
    revision = VisionRevision.objects.get(vision__region=region, number=1)
    return revision.version, revision.aspiration, revision.roadmap, revision.verification_note


def project_state(project):
    project = Project.objects.get(pk=project.pk)
    return (
        project.revision.version,
        project.name,
        project.content,
        list(project.milestones.values_list("date", "target")),
        list(project.budget_lines.values_list("fiscal_year", "amount")),
        list(project.plan_references.values_list("plan", "section")),
        list(project.implementers.values_list("member_key", "name")),
    )


@pytest.fixture
def declaration_page(editor_client, imported):
    return form_values(editor_client.get(DECLARATION), "declaration-form")


@pytest.fixture
def project_page(editor_client, project_url):
    return form_values(editor_client.get(project_url), "project-form")


def assert_bad_request(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert BAD_REQUEST in html
    assert len(html) < 50_000  # the portal's short page, not the form re-rendered


# ---------------------------------------------------------------- TOTAL_FORMS out of range

FORGED_TOTALS = {
    "huge": "9999999999",
    "over_the_limit": "501",
    "negative": "-1",
    "not_a_number": "x",
    "empty": "",
    "full_width": "３",
    "float": "2.0",
}


@pytest.mark.parametrize("action", [{"save": "1"}, {"add": "lg"}, {"search": "1"}])
@pytest.mark.parametrize("total", FORGED_TOTALS.values(), ids=FORGED_TOTALS.keys())
def test_declaration_forged_total_forms_is_a_bad_request_and_nothing_is_saved(
    editor_client, region, declaration_page, total, action
):
    before = declaration_state(region)
    data = single(declaration_page, region_name="書き換え", **{"lg-TOTAL_FORMS": total}, **action)

    response = editor_client.post(DECLARATION, data)

    assert_bad_request(response)
    assert declaration_state(region) == before


def test_the_huge_total_forms_of_the_report_is_refused_for_all_four_sections_at_once(
    editor_client, region, declaration_page
):
    before = declaration_state(region)
    forged = {f"{p}-TOTAL_FORMS": "9999999999" for p in ("lg", "olg", "eco", "body")}

    response = editor_client.post(DECLARATION, single(declaration_page, save="1", **forged))

    assert_bad_request(response)
    assert declaration_state(region) == before


@pytest.mark.parametrize("action", [{"save": "1"}, {"add": "milestones"}])
@pytest.mark.parametrize("total", FORGED_TOTALS.values(), ids=FORGED_TOTALS.keys())
def test_project_forged_total_forms_is_a_bad_request_and_nothing_is_saved(
    editor_client, project, project_url, project_page, total, action
):
    if total == "501":
        total = "101"  # the project rows are limited to 100
    before = project_state(project)
    data = single(project_page, name="書き換え", **{"milestones-TOTAL_FORMS": total}, **action)

    response = editor_client.post(project_url, data)

    assert_bad_request(response)
    assert project_state(project) == before


def test_a_negative_total_does_not_delete_the_rows_of_the_section(
    editor_client, project, project_url, project_page
):
    assert project.milestones.count() == 2

    response = editor_client.post(
        project_url, single(project_page, save="1", **{"milestones-TOTAL_FORMS": "-1"})
    )

    assert_bad_request(response)
    assert project.milestones.count() == 2


# ---------------------------------------------------------------- inconsistent with the rows sent


def test_declaration_total_larger_than_the_rows_sent_is_refused(
    editor_client, region, declaration_page
):
    before = declaration_state(region)
    sent = int(declaration_page["lg-TOTAL_FORMS"][0])

    response = editor_client.post(
        DECLARATION, single(declaration_page, save="1", **{"lg-TOTAL_FORMS": str(sent + 3)})
    )

    assert_bad_request(response)
    assert declaration_state(region) == before


def test_declaration_rows_sent_beyond_the_total_are_refused(
    editor_client, region, declaration_page
):
    """TOTAL_FORMS=1 with six rows sent would silently delete five members."""
    before = declaration_state(region)

    response = editor_client.post(
        DECLARATION, single(declaration_page, save="1", **{"lg-TOTAL_FORMS": "1"})
    )

    assert_bad_request(response)
    assert declaration_state(region) == before


@pytest.mark.parametrize("initial", ["-1", "99", "x"])
def test_declaration_initial_forms_out_of_range_is_refused(
    editor_client, region, declaration_page, initial
):
    before = declaration_state(region)

    response = editor_client.post(
        DECLARATION, single(declaration_page, save="1", **{"lg-INITIAL_FORMS": initial})
    )

    assert_bad_request(response)
    assert declaration_state(region) == before


@pytest.mark.parametrize("name", ["eco-TOTAL_FORMS", "eco-INITIAL_FORMS"])
def test_declaration_without_its_management_form_is_refused(
    editor_client, region, declaration_page, name
):
    before = declaration_state(region)
    data = dict(declaration_page, save="1")
    del data[name]

    response = editor_client.post(DECLARATION, data)

    assert_bad_request(response)
    assert declaration_state(region) == before


def test_project_total_larger_than_the_rows_sent_is_refused(
    editor_client, project, project_url, project_page
):
    before = project_state(project)

    response = editor_client.post(
        project_url, single(project_page, save="1", **{"plans-TOTAL_FORMS": "7"})
    )

    assert_bad_request(response)
    assert project_state(project) == before


def test_project_rows_sent_beyond_the_total_are_refused(
    editor_client, project, project_url, project_page
):
    before = project_state(project)

    response = editor_client.post(
        project_url,
        single(project_page, save="1", **{"milestones-TOTAL_FORMS": "0", "plans-TOTAL_FORMS": "0"}),
    )

    assert_bad_request(response)
    assert project_state(project) == before


# ---------------------------------------------------------------- never more rows than asked for


def test_adding_a_row_renders_exactly_the_rows_sent_plus_one(editor_client, declaration_page):
    sent = int(declaration_page["body-TOTAL_FORMS"][0])

    response = editor_client.post(DECLARATION, single(declaration_page, add="body"))

    assert response.status_code == 200
    data = form_values(response, "declaration-form")
    assert data["body-TOTAL_FORMS"] == [str(sent + 1)]
    assert f'name="body-{sent}-name"' in response.content.decode()
    assert f'name="body-{sent + 1}-name"' not in response.content.decode()
    # and the page that comes back posts as it is (the new row is complete)
    assert editor_client.post(DECLARATION, single(data, save="1")).status_code == 302


def test_adding_project_rows_one_after_another_saves(editor_client, project, project_url):
    data = form_values(editor_client.get(project_url), "project-form")
    for prefix in ("milestones", "milestones", "outside"):
        data = form_values(
            editor_client.post(project_url, single(data, add=prefix)), "project-form"
        )
    assert data["milestones-TOTAL_FORMS"] == ["4"]

    response = editor_client.post(
        project_url,
        single(data, save="1", milestones__3__date="2030-03-31", milestones__3__target="全域展開"),
    )

    assert response.status_code == 302
    assert project.milestones.count() == 3  # the blank added rows are not saved


def test_picking_from_the_master_data_adds_one_complete_row(
    editor_client, region, declaration_page
):
    sent = int(declaration_page["lg-TOTAL_FORMS"][0])

    response = editor_client.post(DECLARATION, single(declaration_page, pick="372013"))

    data = form_values(response, "declaration-form")
    assert data["lg-TOTAL_FORMS"] == [str(sent + 1)]
    assert data[f"lg-{sent}-lg_code"] == ["372013"]
    assert editor_client.post(DECLARATION, single(data, save="1")).status_code == 302
    assert "372013" in {m[2] for m in declaration_state(region)[3]}


# ---------------------------------------------------------------- fields left out of the POST


@pytest.mark.parametrize(
    "name", ["region_name", "aspiration", "other_fields", "lg-2-name", "body-0-key"]
)
def test_declaration_save_without_a_rendered_field_is_refused(
    editor_client, region, declaration_page, name
):
    before = declaration_state(region)
    data = dict(declaration_page, save="1")
    del data[name]

    response = editor_client.post(DECLARATION, data)

    assert_bad_request(response)
    assert declaration_state(region) == before


def test_a_truncated_declaration_post_blanks_nothing(editor_client, region, declaration_page):
    """The report: a POST with 5 of the 45 fields blanked the other 40."""
    before = declaration_state(region)
    kept = {name: declaration_page[name] for name in list(declaration_page)[:5]}

    response = editor_client.post(DECLARATION, {**kept, "save": "1"})

    assert_bad_request(response)
    assert declaration_state(region) == before


def test_unchecked_boxes_are_not_missing_fields(editor_client, region, declaration_page):
    """A browser sends no value for an unchecked box: clearing every box still saves."""
    data = {name: value for name, value in declaration_page.items() if name != "fields"}
    data = {n: v for n, v in data.items() if not n.endswith("-multi_industry")}

    response = editor_client.post(DECLARATION, single(data, save="1"))

    assert response.status_code == 302
    assert not declaration(region).fields.exclude(code="other").exists()


@pytest.mark.parametrize("name", ["aspiration", "roadmap_plan", "verified_on", "verification_note"])
def test_vision_save_without_a_rendered_field_is_refused(editor_client, region, imported, name):
    data = form_values(editor_client.get(VISION), "vision-form")
    before = vision_state(region)
    del data[name]

    response = editor_client.post(VISION, single(data, save="1", roadmap="書き換え"))

    assert_bad_request(response)
    assert vision_state(region) == before


def test_vision_add_project_without_a_rendered_field_adds_nothing(editor_client, region, imported):
    data = form_values(editor_client.get(VISION), "vision-form")
    count = imported.vision_revision.projects.count()
    del data["roadmap"]

    response = editor_client.post(VISION, single(data, add_project="1"))

    assert_bad_request(response)
    assert imported.vision_revision.projects.count() == count


@pytest.mark.parametrize(
    "name", ["name", "content", "budget_total", "start", "milestones-1-target", "plans-0-note"]
)
def test_project_save_without_a_rendered_field_is_refused(
    editor_client, project, project_url, project_page, name
):
    before = project_state(project)
    data = dict(project_page, save="1")
    del data[name]

    response = editor_client.post(project_url, data)

    assert_bad_request(response)
    assert project_state(project) == before


def test_the_whole_page_as_rendered_still_saves(editor_client, project, project_url, project_page):
    response = editor_client.post(project_url, single(project_page, save="1", name="新しい名称"))

    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).name == "新しい名称"
