# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The 類型 and 戦略分野 of a project on the staff project page (ADR 0121): choices from the
reference data, a lenient draft save, a code of an older list kept and named, the read-only
page and the support measures showing them."""

import pytest

from declarations.lifecycle import Status
from projects.models import StrategyList
from tests.staff_helpers import (  # noqa: F401 (fixtures)
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


def test_the_terms_are_offered_and_the_chosen_ones_saved(editor_client, project_url, project):
    page = editor_client.get(project_url)
    html = page.content.decode()
    for label in (
        "戦略産業クラスター",
        "地場産業支援",
        "AI・半導体",
        "マテリアル（重要鉱物・部素材）",
    ):
        assert label in html
    data = form_values(page, "project-form")

    response = editor_client.post(
        project_url,
        single(
            data,
            save="1",
            cluster_type="strategic_industry_cluster",
            strategic_fields=["ocean", "ai_semiconductors"],
        ),
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.cluster_type == "strategic_industry_cluster"
    assert project.strategic_fields == ["ai_semiconductors", "ocean"]  # canonical order
    values = form_values(editor_client.get(project_url), "project-form")
    assert values["cluster_type"] in ("strategic_industry_cluster", ["strategic_industry_cluster"])
    assert values["strategic_fields"] == ["ai_semiconductors", "ocean"]


def test_none_chosen_saves_as_none(editor_client, project_url, project):
    project.cluster_type, project.strategic_fields = "local_industry_support", ["content"]
    project.save()
    data = form_values(editor_client.get(project_url), "project-form")
    data.pop("strategic_fields", None)

    response = editor_client.post(project_url, single(data, save="1", cluster_type=""))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.cluster_type, project.strategic_fields) == ("", [])


def test_a_forged_code_is_refused_next_to_the_field_and_nothing_changes(
    editor_client, project_url, project
):
    data = form_values(editor_client.get(project_url), "project-form")

    response = editor_client.post(project_url, single(data, save="1", strategic_fields=["robots"]))

    assert response.status_code == 200
    assert "id_strategic_fields_error" in response.content.decode()
    project.refresh_from_db()
    assert project.strategic_fields == []


def test_an_amended_label_shows_and_an_older_code_is_kept(editor_client, project_url, project):
    current = StrategyList.objects.get(kind="strategic_field")
    current.terms.filter(code="quantum").update(label="量子技術（改）")
    current.terms.filter(code="ocean").delete()  # a revised list without 海洋
    project.strategic_fields = ["ocean"]
    project.save()

    page = editor_client.get(project_url)
    html = page.content.decode()

    assert "量子技術（改）" in html
    assert "海洋（以前の一覧）" in html
    editor_client.post(project_url, single(form_values(page, "project-form"), save="1"))
    project.refresh_from_db()
    assert project.strategic_fields == ["ocean"]


def test_the_read_only_page_and_the_support_measures_show_them(
    editor_client, project_url, project, imported
):
    from support.models import SupportMeasure

    project.cluster_type, project.strategic_fields = "strategic_industry_cluster", ["quantum"]
    project.save()
    SupportMeasure.objects.create(
        name="量子の補助SQA", ministry="経済産業省", strategic_fields=["quantum"], is_published=True
    )
    SupportMeasure.objects.create(
        name="造船の補助SQB",
        ministry="国土交通省",
        strategic_fields=["shipbuilding"],
        is_published=True,
    )
    VisionRevision.objects.filter(pk=imported.vision_revision.pk).update(status=Status.SUBMITTED)

    html = editor_client.get(project_url).content.decode()

    assert 'name="strategic_fields"' not in html
    assert "類型: 戦略産業クラスター／戦略分野: 量子" in html
    assert "量子の補助SQA" in html and "戦略分野: 量子" in html
    assert "造船の補助SQB" not in html
