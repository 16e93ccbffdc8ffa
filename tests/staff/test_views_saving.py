# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""staff.views.saving: two editors on one draft (merged field by field against the version
both opened, ADR 0095), and 送付 that saves what was typed first, without JavaScript."""

from datetime import date

import pytest
from django.test import Client

from accounts.models import RegionRole
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from tests.factories import UserFactory
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    form_values,
    imported,
    region,
    single,
)
from visions.models import VisionRevision
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db

DECLARATION = "/staff/setouchi/declaration/1/"
VISION = "/staff/setouchi/vision/1/"


@pytest.fixture
def two(editor, region):
    """Editors A and B, each in their own browser."""
    other = UserFactory(username="editor2")
    RegionRole.objects.create(user=other, region=region, role=RegionRole.Role.EDITOR)
    a, b = Client(), Client()
    a.force_login(editor)
    b.force_login(other)
    return a, b


def save(client, url, data, **changes):
    return client.post(url, single(data, save="1", **changes))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def opened(url, form_id, *clients):
    return [form_values(client.get(url), form_id) for client in clients]


# ---------------------------------------------------------------- the vision


def test_vision_the_other_editors_fields_survive_my_later_save(imported, two):
    a, b = two
    seen_a, seen_b = opened(VISION, "vision-form", a, b)

    assert (
        save(a, VISION, seen_a, verified_on="2026-04-01", verification_note="A の検証").status_code
        == 302
    )
    response = b.post(VISION, single(seen_b, save="1", aspiration="B の姿"), follow=True)

    vision = VisionRevision.objects.get(pk=imported.vision_revision.pk)
    assert (vision.verified_on, vision.verification_note, vision.aspiration) == (
        date(2026, 4, 1),
        "A の検証",
        "B の姿",
    )
    assert any(
        "別の人が保存した次の欄は、その内容を残しました" in m
        and "検証した日" in m
        and "検証の内容" in m
        for m in messages_of(response)
    )


def test_vision_a_real_conflict_shows_both_and_saves_the_choice(imported, two):
    a, b = two
    seen_a, seen_b = opened(VISION, "vision-form", a, b)
    save(a, VISION, seen_a, aspiration="A の姿")

    response = save(b, VISION, seen_b, aspiration="B の姿", roadmap="B の道筋")

    assert response.status_code == 200
    html = response.content.decode()
    assert "あなたが開いた後に別の人が保存しました" in html
    assert "もう一度保存すると、あなたの入力で上書き" not in html
    assert [c.label for c in response.context["merge"].conflicts] == [
        "目指すべき姿（中長期的な将来像）"
    ]
    assert "A の姿" in html and "B の姿" in html
    assert 'name="choice-aspiration" value="theirs"' in html
    assert "自分の入力" in html and "保存済みの内容" in html
    vision = VisionRevision.objects.get(pk=imported.vision_revision.pk)
    assert (vision.aspiration, vision.roadmap) != ("B の姿", "B の道筋")

    again = form_values(response, "vision-form")
    assert again["roadmap"] == ["B の道筋"]  # everything typed is kept
    assert save(b, VISION, again, **{"choice-aspiration": "theirs"}).status_code == 302
    vision.refresh_from_db()
    assert (vision.aspiration, vision.roadmap) == ("A の姿", "B の道筋")


def test_vision_choosing_my_input_saves_mine(imported, two):
    a, b = two
    seen_a, seen_b = opened(VISION, "vision-form", a, b)
    save(a, VISION, seen_a, aspiration="A の姿")
    again = form_values(save(b, VISION, seen_b, aspiration="B の姿"), "vision-form")

    assert save(b, VISION, again, **{"choice-aspiration": "mine"}).status_code == 302

    assert VisionRevision.objects.get(pk=imported.vision_revision.pk).aspiration == "B の姿"


def test_a_forged_base_counts_as_no_base_and_overwrites_nothing(imported, two):
    a, b = two
    seen_a, seen_b = opened(VISION, "vision-form", a, b)
    save(a, VISION, seen_a, verification_note="A の検証")

    response = save(b, VISION, seen_b, base="forged", aspiration="B の姿")

    assert response.status_code == 200
    labels = [c.label for c in response.context["merge"].conflicts]
    assert "検証の内容" in labels
    vision = VisionRevision.objects.get(pk=imported.vision_revision.pk)
    assert vision.verification_note == "A の検証"


# ---------------------------------------------------------------- the declaration


def test_declaration_the_other_editors_fields_and_members_survive(imported, two):
    a, b = two
    seen_a, seen_b = opened(DECLARATION, "declaration-form", a, b)
    seen_a = single(seen_a, **{"body-0-name": "A が直した名称"})

    assert save(a, DECLARATION, seen_a, declared_on="2026-05-01").status_code == 302
    assert save(b, DECLARATION, seen_b, aspiration="B の目指す姿").status_code == 302

    stored = DeclarationRevision.objects.get(pk=imported.declaration_revision.pk)
    assert stored.declared_on == date(2026, 5, 1) and stored.aspiration == "B の目指す姿"
    assert "A が直した名称" in set(stored.members.values_list("name", flat=True))


def test_declaration_both_changing_the_members_is_one_conflict(imported, two):
    a, b = two
    seen_a, seen_b = opened(DECLARATION, "declaration-form", a, b)
    save(a, DECLARATION, single(seen_a, **{"body-0-name": "A の名称"}))

    response = save(b, DECLARATION, single(seen_b, **{"body-0-name": "B の名称"}))

    assert response.status_code == 200
    conflicts = response.context["merge"].conflicts
    assert [c.label for c in conflicts] == ["企業・大学・研究機関・金融機関・その他"]
    html = response.content.decode()
    assert "A の名称" in html and 'value="B の名称"' in html
    again = form_values(response, "declaration-form")
    assert save(b, DECLARATION, again, **{"choice-body": "theirs"}).status_code == 302
    stored = DeclarationRevision.objects.get(pk=imported.declaration_revision.pk)
    assert "A の名称" in set(stored.members.values_list("name", flat=True))


# ---------------------------------------------------------------- a project


def test_project_the_other_editors_fields_survive_and_a_conflict_is_offered(imported, two):
    a, b = two
    project = imported.vision_revision.projects.order_by("position").first()
    url = f"/staff/setouchi/vision/1/projects/{project.pk}/"
    seen_a, seen_b = opened(url, "project-form", a, b)

    save(a, url, seen_a, effects="A の効果", content="A の内容")
    response = save(b, url, seen_b, other="B のその他", content="B の内容")

    assert response.status_code == 200
    assert [c.label for c in response.context["merge"].conflicts] == [
        "具体的内容（実施主体間の役割分担を含む）"
    ]
    again = form_values(response, "project-form")
    assert again["effects"] == ["A の効果"]  # theirs, filled in
    assert save(b, url, again, **{"choice-content": "mine"}).status_code == 302
    project.refresh_from_db()
    assert (project.effects, project.content, project.other) == (
        "A の効果",
        "B の内容",
        "B のその他",
    )


# ---------------------------------------------------------------- 送付 saves first


def _submit(client, url, form_id, **changes):
    page = client.get(url)
    data = form_values(page, form_id)
    warnings = [item.ack_value for item in page.context["checklist"].warning_items]
    return client.post(url, single(data, submit_draft="1", acknowledge=warnings, **changes))


def test_submit_saves_what_was_typed_first_then_submits(editor_client, imported):
    response = _submit(editor_client, DECLARATION, "declaration-form", aspiration="送付直前の修正")

    assert response.status_code == 302
    stored = DeclarationRevision.objects.get(pk=imported.declaration_revision.pk)
    assert (stored.status, stored.aspiration) == (Status.SUBMITTED, "送付直前の修正")


def test_submit_with_input_that_cannot_be_saved_submits_nothing_and_keeps_it(
    editor_client, imported
):
    response = _submit(
        editor_client, DECLARATION, "declaration-form", declared_on="昨日", aspiration="直した姿"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "送付していません" in html
    assert 'value="昨日"' in html and "直した姿" in html
    stored = DeclarationRevision.objects.get(pk=imported.declaration_revision.pk)
    assert stored.status == Status.DRAFT and stored.aspiration != "直した姿"


def test_the_submit_button_belongs_to_the_edit_form(editor_client, imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)

    html = editor_client.get(VISION).content.decode()

    assert 'name="submit_draft" value="1" form="vision-form"' in html
    assert "保存していない入力は送付されません" not in html


def test_a_save_of_another_project_of_the_vision_no_longer_blocks_mine(imported, two):
    a, b = two
    first, second = imported.vision_revision.projects.order_by("position")[:2]
    url_first = f"/staff/setouchi/vision/1/projects/{first.pk}/"
    url_second = f"/staff/setouchi/vision/1/projects/{second.pk}/"
    seen_a = form_values(a.get(url_first), "project-form")
    seen_b = form_values(b.get(url_second), "project-form")

    assert save(a, url_first, seen_a, content="A の内容").status_code == 302
    assert save(b, url_second, seen_b, content="B の内容").status_code == 302

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.content, second.content) == ("A の内容", "B の内容")
