# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The 送付書's fields (文書番号, 担当部署・連絡先) and the 代表団体 on the staff forms
(issue 13): posted the way a browser posts them, saved, printed on the 送付書."""

import pytest

from declarations.lifecycle import Kind
from documents.models import Kind as DocumentKind
from documents.services import frozen_documents, read_frozen
from tests.documents.helpers import flat_text
from tests.review_helpers import submit_and_make
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    declaration,
    editor,
    editor_client,
    form_values,
    imported,
    publish,
    region,
    single,
)
from visions.models import VisionRevision
from workflow.revisions import revision_start_change

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/declaration/1/"
CONTACT = {
    "cover_number": "瀬戸内広域第12号",
    "contact_department": "岡山県総合政策局政策推進課",
    "contact_person": "備前太郎",
    "contact_phone": "086-000-0000",
    "contact_email": "renkei@example.jp",
}


def save(client, url, data, **changes):
    return client.post(url, single(data, save="1", **changes))


def test_the_declaration_form_saves_the_cover_letter_and_the_representative(
    editor_client, imported
):
    data = form_values(editor_client.get(URL), "declaration-form")
    assert data["representative"] == [""]

    response = save(editor_client, URL, data, representative="hiroshima", **CONTACT)

    assert response.status_code == 302
    revision = declaration(imported.region)
    assert revision.representative == "hiroshima"
    assert {name: getattr(revision, name) for name in CONTACT} == CONTACT
    page = editor_client.get(URL).content.decode()
    assert 'value="hiroshima" selected' in page
    assert "瀬戸内広域第12号" in page


def test_the_cover_letter_made_at_submission_prints_what_the_form_saved(
    editor_client, imported, editor
):
    data = form_values(editor_client.get(URL), "declaration-form")
    save(editor_client, URL, data, **CONTACT)
    revision = declaration(imported.region)

    submit_and_make(revision=revision, actor=editor)
    revision.refresh_from_db()
    cover = flat_text(read_frozen(frozen_documents(revision)[DocumentKind.COVER]))

    for value in CONTACT.values():
        assert value in cover


def test_removing_the_representative_member_clears_the_representative(editor_client, imported):
    data = form_values(editor_client.get(URL), "declaration-form")
    save(editor_client, URL, data, representative="okayama")
    data = form_values(editor_client.get(URL), "declaration-form")
    row = next(
        name for name, value in data.items() if value == ["okayama"] and name != "representative"
    )
    prefix = row.rsplit("-", 1)[0]

    save(editor_client, URL, single(data, **{f"{prefix}-DELETE": "on"}))

    revision = declaration(imported.region)
    assert not revision.members.filter(key="okayama").exists()
    assert revision.representative == ""


def test_a_representative_that_is_not_a_member_is_refused_and_nothing_is_lost(
    editor_client, imported
):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, representative="nobody", contact_person="備前太郎")

    assert response.status_code == 200
    assert "representative" in response.context["editor"].form.errors
    assert 'value="備前太郎"' in response.content.decode()
    assert declaration(imported.region).contact_person == ""


def test_an_email_that_is_not_an_address_is_refused_next_to_the_field_and_kept(
    editor_client, imported
):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, contact_email="renkei＠example")

    assert response.status_code == 200
    assert "電子メールのアドレスを正しく入力してください。" in response.content.decode()
    assert declaration(imported.region).contact_email == ""


def test_the_vision_form_saves_its_own_cover_letter(editor_client, imported):
    url = "/staff/setouchi/vision/1/"
    data = form_values(editor_client.get(url), "vision-form")

    save(editor_client, url, data, **CONTACT)

    vision = VisionRevision.objects.get(vision__region=imported.region, number=1)
    assert {name: getattr(vision, name) for name in CONTACT} == CONTACT


def test_a_change_starts_with_the_contact_and_representative_but_not_the_number(
    editor_client, imported, editor
):
    data = form_values(editor_client.get(URL), "declaration-form")
    save(editor_client, URL, data, representative="kagawa", **CONTACT)
    publish(declaration(imported.region), editor)

    change = revision_start_change(region=imported.region, document="declaration", actor=editor)

    assert change.kind == Kind.CHANGED
    assert change.representative == "kagawa"
    assert change.contact_department == CONTACT["contact_department"]
    assert change.cover_number == ""
