# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The 分野 of a project on the staff project page (ADR 0115): checkboxes of the
declaration's declared fields, a lenient draft save, a held field the declaration lacks kept
and named, the read-only page showing them."""

import pytest

from declarations.lifecycle import Status
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


def test_the_declared_fields_are_offered_and_the_chosen_ones_saved(
    editor_client, project_url, project
):
    page = editor_client.get(project_url)
    html = page.content.decode()
    for label in ("A 産業振興", "B 観光", "C 交通", "その他（高度専門人材の育成）"):
        assert label in html
    assert 'name="field_codes"' in html

    data = form_values(page, "project-form")
    response = editor_client.post(
        project_url, single(data, save="1", field_codes=["tourism", "industry"])
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.fields == ["industry", "tourism"]  # the 要綱's order
    page = editor_client.get(project_url)
    assert form_values(page, "project-form")["field_codes"] == ["industry", "tourism"]


def test_no_field_chosen_is_saved_as_none_and_a_draft_saves_with_other_errors_kept(
    editor_client, project_url, project
):
    project.fields = ["transport"]
    project.save()
    data = form_values(editor_client.get(project_url), "project-form")
    data.pop("field_codes", None)

    response = editor_client.post(project_url, single(data, save="1"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.fields == []


def test_a_forged_field_code_is_refused_next_to_the_field_and_nothing_changes(
    editor_client, project_url, project
):
    data = form_values(editor_client.get(project_url), "project-form")

    response = editor_client.post(
        project_url, single(data, save="1", field_codes=["industry", "space"])
    )

    assert response.status_code == 200
    assert "id_field_codes_error" in response.content.decode()
    project.refresh_from_db()
    assert project.fields == []


def test_a_field_the_declaration_lacks_is_kept_named_and_reported(
    editor_client, project_url, project, imported
):
    imported.declaration_revision.fields.filter(code="transport").delete()
    project.fields = ["transport"]
    project.save()

    page = editor_client.get(project_url)
    html = page.content.decode()

    assert "C 交通（連携宣言書にない分野）" in html
    assert "プロジェクトの分野「交通」が連携宣言書の分野にありません" in html
    editor_client.post(project_url, single(form_values(page, "project-form"), save="1"))
    project.refresh_from_db()
    assert project.fields == ["transport"]


def test_the_read_only_project_page_shows_the_fields(editor_client, project_url, project, imported):
    project.fields = ["industry", "other"]
    project.save()
    VisionRevision.objects.filter(pk=imported.vision_revision.pk).update(status=Status.SUBMITTED)

    html = editor_client.get(project_url).content.decode()

    assert 'name="field_codes"' not in html
    assert "A 産業振興、その他" in html


def test_the_project_page_shows_the_published_measures_of_its_fields(
    editor_client, project_url, project
):
    from support.models import SupportMeasure

    project.fields = ["tourism"]
    project.save()
    SupportMeasure.objects.create(
        name="観光の補助SPA", ministry="観光庁", fields=["tourism"], is_published=True
    )
    SupportMeasure.objects.create(
        name="交通の補助SPB", ministry="国土交通省", fields=["transport"], is_published=True
    )
    SupportMeasure.objects.create(
        name="非公表の観光の補助SPC", ministry="観光庁", fields=["tourism"], is_published=False
    )

    html = editor_client.get(project_url).content.decode()

    assert "このプロジェクトに関連する国の支援措置" in html
    assert "観光の補助SPA" in html and "分野: B 観光" in html
    assert "交通の補助SPB" not in html and "非公表の観光の補助SPC" not in html
