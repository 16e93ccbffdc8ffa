# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The autosave endpoints of the staff edit forms (ADR 0095): the same lenient save as the
form, a JSON answer with the new version, and never an overwrite of another editor's save."""

import pytest
from django.test import Client

from declarations.models import DeclarationRevision
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    form_values,
    imported,
    other_region,
    outsider,
    region,
    single,
    viewer,
)
from visions.models import VisionRevision

pytestmark = pytest.mark.django_db

DECLARATION = "/staff/setouchi/declaration/1/"
VISION = "/staff/setouchi/vision/1/"


def project_url(imported):
    project = imported.vision_revision.projects.order_by("position").first()
    return f"/staff/setouchi/vision/1/projects/{project.pk}/", project


FORMS = [(DECLARATION, "declaration-form"), (VISION, "vision-form")]


@pytest.mark.parametrize(("url", "form_id"), FORMS)
def test_autosave_saves_and_answers_the_new_version(editor_client, imported, url, form_id):
    data = form_values(editor_client.get(url), form_id)

    response = editor_client.post(url + "autosave/", single(data, aspiration="自動で保存"))

    assert response.status_code == 200
    answer = response.json()
    assert answer["version"] == int(data["version"][0]) + 1
    assert answer["message"].startswith("自動保存しました（") and answer["base"]
    assert "自動で保存" in editor_client.get(url).content.decode()  # a reload shows it
    # the next manual save with the new version and base is not a conflict
    again = single(data, aspiration="手で保存", version=str(answer["version"]), base=answer["base"])
    assert editor_client.post(url, single(again, save="1")).status_code == 302


def test_autosave_of_a_project(editor_client, imported):
    url, project = project_url(imported)
    data = form_values(editor_client.get(url), "project-form")

    response = editor_client.post(url + "autosave/", single(data, content="自動で保存"))

    assert response.status_code == 200
    project.refresh_from_db()
    assert project.content == "自動で保存"
    assert response.json()["version"] == VisionRevision.objects.get(pk=project.revision_id).version


def test_an_autosave_after_another_editors_save_overwrites_nothing(editor_client, imported, editor):
    data = form_values(editor_client.get(VISION), "vision-form")
    other = Client()
    other.force_login(editor)
    other.post(VISION, single(data, save="1", aspiration="先に保存"))

    response = editor_client.post(VISION + "autosave/", single(data, aspiration="自動"))

    assert response.status_code == 409
    assert "別の人が保存しました" in response.json()["error"]
    assert VisionRevision.objects.get(pk=imported.vision_revision.pk).aspiration == "先に保存"


def test_bad_input_is_400_with_the_field_named_and_nothing_saved(editor_client, imported):
    data = form_values(editor_client.get(DECLARATION), "declaration-form")

    response = editor_client.post(DECLARATION + "autosave/", single(data, declared_on="昨日"))

    assert response.status_code == 400
    answer = response.json()
    assert "保存していません" in answer["error"] and "連携宣言の日" in answer["fields"]
    stored = DeclarationRevision.objects.get(pk=imported.declaration_revision.pk)
    assert stored.version == int(data["version"][0])


@pytest.mark.parametrize("data", [{}, {"version": "1", "aspiration": "x"}, {"lg-TOTAL_FORMS": "x"}])
def test_a_cut_short_or_forged_post_is_400_never_500(editor_client, imported, data):
    response = editor_client.post(DECLARATION + "autosave/", data)

    assert response.status_code == 400 and response.json()["error"]


def test_staff_of_another_region_and_viewers_get_404_and_nothing_is_saved(
    client, imported, outsider, viewer
):
    for user in (outsider, viewer):
        client.force_login(user)
        assert (
            client.post(VISION + "autosave/", {"version": "1", "aspiration": "x"}).status_code
            == 404
        )
    assert VisionRevision.objects.get(pk=imported.vision_revision.pk).aspiration != "x"


def test_autosave_needs_post(editor_client, imported):
    assert editor_client.get(DECLARATION + "autosave/").status_code == 405


def test_no_autosave_while_fields_both_editors_changed_wait_for_a_choice(editor_client, imported):
    data = form_values(editor_client.get(VISION), "vision-form")

    response = editor_client.post(
        VISION + "autosave/", single(data, aspiration="自動", **{"choice-aspiration": "mine"})
    )

    assert response.status_code == 409 and "選んで" in response.json()["error"]
    assert VisionRevision.objects.get(pk=imported.vision_revision.pk).aspiration != "自動"
