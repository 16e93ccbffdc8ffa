# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""Hints across the two documents at the moment they matter (issue 13, ADR 0099): a member
added in a declaration change must also take part in a project of the vision; and a new
vision's checklist lists the members in no project in one finding."""

import re

import pytest

from projects.models import Implementer
from tests.review_helpers import submit
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    declaration,
    editor,
    editor_client,
    form_values,
    imported,
    region,
    single,
)
from visions.models import VisionRevision
from workflow.verbs import revision_accept

pytestmark = pytest.mark.django_db

CHANGE_URL = "/staff/setouchi/declaration/2/"
EHIME = "pref:380008"


def published_now(revision, actor):
    submit(revision, actor)
    revision_accept(revision=revision, actor=actor)


@pytest.fixture
def change(editor_client, imported, editor, region):
    published_now(imported.declaration_revision, editor)
    published_now(imported.vision_revision, editor)
    response = editor_client.post("/staff/setouchi/declaration/change/")
    assert response["Location"] == CHANGE_URL
    return declaration(region, 2)


def hint(html: str) -> str | None:
    match = re.search(
        r'<section class="callout callout--info vision-hint".*?</section>', html, re.S
    )
    return match.group(0) if match else None


def add_ehime(client):
    data = form_values(client.get(CHANGE_URL), "declaration-form")
    picked = client.post(CHANGE_URL, single(data, pick=EHIME))
    data = form_values(picked, "declaration-form")
    return client.post(CHANGE_URL, single(data, save="1"), follow=True)


def test_a_member_added_in_a_change_says_the_vision_must_include_it(editor_client, change):
    assert hint(editor_client.get(CHANGE_URL).content.decode()) is None

    response = add_ehime(editor_client)

    found = hint(response.content.decode())
    assert found is not None
    assert "愛媛県" in found
    assert "連携ビジョンのプロジェクトにも加える必要があります" in found
    assert "第3(3)" in found and "members.in_project" in found
    # the vision is published: the button starts its change
    assert 'action="/staff/setouchi/vision/change/"' in found
    assert "連携ビジョンの変更を始める" in found
    # a hint, not a finding of the declaration
    codes = [i.finding.code for g in response.context["checklist"].groups for i in g.items]
    assert "members.in_project" not in codes


def test_with_the_vision_change_open_the_hint_links_to_it(editor_client, change):
    add_ehime(editor_client)
    editor_client.post("/staff/setouchi/vision/change/")

    found = hint(editor_client.get(CHANGE_URL).content.decode())

    assert 'href="/staff/setouchi/vision/2/#projects"' in found


def test_the_hint_goes_once_a_project_of_the_vision_includes_the_member(
    editor_client, change, region
):
    add_ehime(editor_client)
    editor_client.post("/staff/setouchi/vision/change/")
    key = change.members.get(name="愛媛県").key
    vision_change = VisionRevision.objects.get(vision__region=region, number=2)
    project = vision_change.projects.first()
    Implementer.objects.create(project=project, member_key=key, position=99)

    assert hint(editor_client.get(CHANGE_URL).content.decode()) is None


def test_a_new_vision_lists_the_members_in_no_project_in_one_finding(editor_client, imported):
    Implementer.objects.filter(project__revision=imported.vision_revision).delete()
    for project in imported.vision_revision.projects.all():
        project.joint_body_of = None
        project.save(update_fields=["joint_body_of"])

    response = editor_client.get("/staff/setouchi/vision/1/")

    items = [
        i
        for g in response.context["checklist"].groups
        for i in g.items
        if i.finding.code == "members.in_project"
    ]
    assert len(items) == 1
    html = response.content.decode()
    finding = re.search(
        r'<li class="finding[^"]*" data-code="members.in_project".*?</li>\s*</ul>\s*</li>',
        html,
        re.S,
    )
    assert finding is not None
    listed = re.findall(r'<li class="finding__item">([^<]+)</li>', finding.group(0))
    assert listed == list(imported.declaration_revision.members.values_list("name", flat=True))
    assert len(listed) == 13
    assert 'href="#projects"' in finding.group(0)
