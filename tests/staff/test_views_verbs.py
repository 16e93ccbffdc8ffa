# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""staff.views.verbs: one view per verb (new, submit, reopen, change, abolish) for both
documents. Each test runs for the declaration and for the vision, so that a mix-up of the
document table (wrong model, wrong service, wrong URL or message) fails here."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from accounts.models import REVIEWER_GROUP
from declarations.lifecycle import Kind, Status
from tests.factories import UserFactory
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    imported,
    publish,
    region,
    viewer,
)
from workflow.registry import document_kind
from workflow.verbs import revision_return, revision_submit

pytestmark = pytest.mark.django_db

BOTH = pytest.mark.parametrize("document", ["declaration", "vision"])
LABELS = {"declaration": "連携宣言書", "vision": "連携ビジョン"}
ACTS = {"declaration": "連携宣言", "vision": "連携ビジョン"}


def revision(region, document, number=1):
    return document_kind(document).revisions_of(region).get(number=number)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def of(imported, document):
    return getattr(imported, f"{document}_revision")


@pytest.fixture
def reviewer():
    user = UserFactory(username="reviewer", email="reviewer@soumu.example.jp")
    user.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    return user


@pytest.fixture
def published(imported, editor):
    publish(imported.declaration_revision, editor)
    publish(imported.vision_revision, editor)
    return imported


# ---------------------------------------------------------------- new


@BOTH
def test_new_makes_draft_revision_one_of_that_document(editor_client, region, document):
    if document == "vision":
        editor_client.post("/staff/setouchi/declaration/new/")

    response = editor_client.post(f"/staff/setouchi/{document}/new/")

    assert response["Location"] == f"/staff/setouchi/{document}/1/"
    created = revision(region, document)
    assert (created.status, created.kind) == (Status.DRAFT, Kind.ESTABLISHED)
    page = editor_client.get(response["Location"])
    assert f"{LABELS[document]} 第1版の作成を始めました。" in messages_of(page)


@BOTH
def test_new_twice_keeps_one_revision_and_says_why(editor_client, imported, region, document):
    response = editor_client.post(f"/staff/setouchi/{document}/new/", follow=True)

    assert response.redirect_chain[-1][0] == "/staff/setouchi/"
    assert document_kind(document).revisions_of(region).count() == 1
    assert messages_of(response)


@BOTH
def test_new_needs_post_and_an_editor(client, viewer, region, document):
    client.force_login(viewer)
    assert client.get(f"/staff/setouchi/{document}/new/").status_code == 405
    assert client.post(f"/staff/setouchi/{document}/new/").status_code == 404
    assert not document_kind(document).revisions_of(region).exists()


# ---------------------------------------------------------------- submit and reopen


@BOTH
def test_submit_with_a_stale_version_is_refused(editor_client, imported, document):
    target = of(imported, document)
    url = f"/staff/setouchi/{document}/{target.number}/submit/"

    response = editor_client.post(url, {"version": "0"})

    assert response["Location"] == f"/staff/setouchi/{document}/1/#submit"
    target.refresh_from_db()
    assert target.status == Status.DRAFT
    assert any("保存し直されました" in m for m in messages_of(editor_client.get("/staff/")))


@BOTH
def test_submit_sends_that_document_and_names_it(editor_client, imported, editor, document):
    if document == "vision":
        revision_submit(revision=imported.declaration_revision, actor=editor)
    target = of(imported, document)
    page = editor_client.get(target.get_absolute_url())
    warnings = [item.ack_value for item in page.context["checklist"].warning_items]
    assert f"{LABELS[document]}を総務省へ送付する" in page.content.decode()

    response = editor_client.post(
        f"/staff/setouchi/{document}/1/submit/",
        {"version": str(target.version), "acknowledge": warnings},
        follow=True,
    )

    target.refresh_from_db()
    assert target.status == Status.SUBMITTED
    # The editor lands on the 受付票 of this 送付 (ADR 0094), told its 受付番号.
    assert response.redirect_chain[-1][0] == f"/staff/setouchi/{document}/1/receipt/1/"
    assert any(
        m.startswith(f"{LABELS[document]} 第1版を総務省へ送付しました（第1回送付、受付番号 R")
        and "審査担当にメールで通知しました。" in m
        for m in messages_of(response)
    )
    assert "submit" not in target.available_verbs
    assert f"/staff/setouchi/{document}/1/submit/" not in response.content.decode()


@BOTH
def test_a_returned_revision_offers_reopen_and_reopens(
    editor_client, imported, editor, reviewer, document
):
    if document == "vision":
        revision_submit(revision=imported.declaration_revision, actor=editor)
    target = of(imported, document)
    revision_submit(revision=target, actor=editor)
    revision_return(revision=target, actor=reviewer, comment="確認してください")
    reopen_url = f"/staff/setouchi/{document}/1/reopen/"
    assert reopen_url in editor_client.get(target.get_absolute_url()).content.decode()

    response = editor_client.post(reopen_url, follow=True)

    target.refresh_from_db()
    assert target.status == Status.DRAFT
    assert response.redirect_chain[-1][0] == f"/staff/setouchi/{document}/1/"
    assert "差し戻された版の編集を再開しました。直してから、もう一度送付してください。" in (
        messages_of(response)
    )


@BOTH
def test_reopen_of_a_draft_is_refused_with_a_message(editor_client, imported, document):
    response = editor_client.post(f"/staff/setouchi/{document}/1/reopen/", follow=True)

    assert of(imported, document).status == Status.DRAFT
    assert messages_of(response) and "再開しました" not in messages_of(response)[0]


@BOTH
def test_a_revision_number_of_the_other_document_is_404(editor_client, imported, document):
    assert editor_client.post(f"/staff/setouchi/{document}/7/submit/").status_code == 404
    assert editor_client.post(f"/staff/setouchi/{document}/7/reopen/").status_code == 404


# ---------------------------------------------------------------- change and abolition


@BOTH
def test_change_starts_revision_two_of_that_document(editor_client, published, region, document):
    response = editor_client.post(f"/staff/setouchi/{document}/change/")

    assert response["Location"] == f"/staff/setouchi/{document}/2/"
    change = revision(region, document, 2)
    assert (change.kind, change.status) == (Kind.CHANGED, Status.DRAFT)
    other = "vision" if document == "declaration" else "declaration"
    assert not document_kind(other).revisions_of(region).filter(number=2).exists()
    assert f"公表中の版をもとに、{LABELS[document]} 第2版（変更）を作成しました。" in messages_of(
        editor_client.get(response["Location"])
    )


@BOTH
def test_change_while_a_draft_waits_is_refused_on_the_region_page(
    editor_client, imported, region, document
):
    response = editor_client.post(f"/staff/setouchi/{document}/change/", follow=True)

    assert response.redirect_chain[-1][0] == "/staff/setouchi/"
    assert document_kind(document).revisions_of(region).count() == 1
    assert "作成中です" in messages_of(response)[0]


@BOTH
def test_abolish_shows_the_form_of_that_document(editor_client, published, document):
    page = editor_client.get(f"/staff/setouchi/{document}/abolish/")

    html = page.content.decode()
    assert page.status_code == 200
    assert f"{ACTS[document]}の廃止" in html
    clause = "第3(5)" if document == "declaration" else "第4(3)"
    assert clause in html
    assert f'action="/staff/setouchi/{document}/abolish/"' in html


@BOTH
def test_abolish_starts_an_abolition_of_that_document(editor_client, published, region, document):
    refused = editor_client.post(f"/staff/setouchi/{document}/abolish/", {"reason": ""})
    assert refused.status_code == 200
    assert not document_kind(document).revisions_of(region).filter(number=2).exists()

    response = editor_client.post(
        f"/staff/setouchi/{document}/abolish/",
        {"reason": "目的を達成したため", "consulted_on": "2027-03-01"},
    )

    assert response["Location"] == f"/staff/setouchi/{document}/2/"
    abolition = revision(region, document, 2)
    assert (abolition.kind, abolition.reason, abolition.consulted_on) == (
        Kind.ABOLISHED,
        "目的を達成したため",
        date(2027, 3, 1),
    )
    assert (
        f"{LABELS[document]} 第2版（廃止）を作成しました。内容を確かめて送付してください。"
        in messages_of(editor_client.get(response["Location"]))
    )


@BOTH
def test_a_viewer_cannot_start_a_change_or_an_abolition(client, viewer, published, document):
    client.force_login(viewer)
    assert client.post(f"/staff/setouchi/{document}/change/").status_code == 404
    assert client.get(f"/staff/setouchi/{document}/abolish/").status_code == 404
