# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The 受付票 (ADR 0094): after 送付 the editor lands on a receipt with the 受付番号, the time,
the sender, the 送付's number and the frozen PDFs with their SHA-256; an earlier 送付 of a
resubmitted revision keeps its own PDFs; only the region's staff may read it. The revision
pages list the 送付 and the PDFs (frozen with hashes, or the draft preview)."""

import hashlib

import pytest

from documents.models import DocumentBuild, FrozenDocument
from documents.models import Kind as DocumentKind
from documents.services import frozen_documents
from filing.formatting import wareki
from reviews.models import Submission
from tests.factories import UserFactory
from tests.review_helpers import make_documents, submit_and_make
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    imported,
    other_region,
    outsider,
    region,
    viewer,
)
from workflow.verbs import revision_findings, revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db

RECEIPT = "/staff/setouchi/declaration/1/receipt/1/"


@pytest.fixture
def sent(imported, editor):
    """The declaration sent and its PDFs made by the worker's job."""
    revision = imported.declaration_revision
    submit_and_make(revision=revision, actor=editor)
    revision.refresh_from_db()
    return revision


@pytest.fixture
def making(imported, editor):
    """The declaration sent; the worker has not made its PDFs yet."""
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    revision.refresh_from_db()
    return revision


def test_submit_from_the_page_redirects_to_the_receipt_with_the_receipt_number(
    editor_client, imported
):
    revision = imported.declaration_revision
    warnings = [f for f in revision_findings(revision) if not f.is_error]
    response = editor_client.post(
        "/staff/setouchi/declaration/1/submit/",
        {
            "version": str(revision.version),
            "acknowledge": [f"{f.code}|{f.path}" for f in warnings],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == RECEIPT
    submission = Submission.objects.get()
    page = editor_client.get(RECEIPT)
    messages = [str(m) for m in page.context["messages"]]
    assert any(submission.receipt_number in m and "第1回送付" in m for m in messages)


def test_receipt_shows_number_time_sender_revision_and_pdfs_with_hashes(editor_client, sent):
    submission = Submission.objects.get()
    frozen = frozen_documents(sent)

    response = editor_client.get(RECEIPT)

    assert response.status_code == 200
    html = response.content.decode()
    assert "受付票" in html
    assert submission.receipt_number in html
    assert wareki(submission.submitted_at) in html  # 和暦
    assert "（日本時間）" in html
    assert "editor" in html  # the sender
    assert sent.label in html
    assert "第1回送付" in html
    for kind in (DocumentKind.DOCUMENT, DocumentKind.COVER):
        assert frozen[kind].sha256 in html
        assert f'href="{RECEIPT}{kind}.pdf"' in html
    assert "送付書（連携宣言書）" in html
    assert 'href="/verify/"' in html
    assert "css/receipt.css" in html  # the print style sheet


def test_the_sender_is_named_family_name_first(editor_client, editor, imported):
    """A Japanese name reads 姓 名 (as in the header's 「中部 花子 さん」), not Django's
    ``get_full_name`` order (名 姓)."""
    editor.last_name, editor.first_name = "中部", "花子"
    editor.save(update_fields=["last_name", "first_name"])
    revision_submit(revision=imported.declaration_revision, actor=editor)

    html = editor_client.get(RECEIPT).content.decode()
    revision_page = editor_client.get("/staff/setouchi/declaration/1/").content.decode()

    assert "中部 花子" in html and "花子 中部" not in html
    assert "中部 花子" in revision_page and "花子 中部" not in revision_page


def test_receipt_pdf_is_the_frozen_copy(editor_client, sent):
    frozen = frozen_documents(sent)[DocumentKind.COVER]
    response = editor_client.get(f"{RECEIPT}cover.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == frozen.sha256
    assert editor_client.get(f"{RECEIPT}other.pdf").status_code == 404
    assert editor_client.get("/staff/setouchi/declaration/1/receipt/2/").status_code == 404


def test_an_earlier_receipt_keeps_the_pdfs_of_that_submission(editor_client, sent, editor):
    first = {kind: row.sha256 for kind, row in frozen_documents(sent).items()}
    reviewer = UserFactory(username="reviewer")
    revision_return(revision=sent, actor=reviewer, comment="目指すべき姿を直してください。")
    revision_reopen(revision=sent, actor=editor)
    sent.refresh_from_db()
    sent.aspiration = "瀬戸内の島々をつなぐ、直した目指すべき姿"
    sent.save()
    submit_and_make(revision=sent, actor=editor)
    sent.refresh_from_db()
    second = {kind: row.sha256 for kind, row in frozen_documents(sent).items()}
    assert first[DocumentKind.DOCUMENT] != second[DocumentKind.DOCUMENT]

    old = editor_client.get(RECEIPT).content.decode()
    new = editor_client.get("/staff/setouchi/declaration/1/receipt/2/").content.decode()

    assert first[DocumentKind.DOCUMENT] in old and second[DocumentKind.DOCUMENT] not in old
    assert second[DocumentKind.DOCUMENT] in new and "第2回送付" in new
    assert "この後にも送付しています" in old
    pdf = editor_client.get(f"{RECEIPT}document.pdf")
    assert hashlib.sha256(pdf.content).hexdigest() == first[DocumentKind.DOCUMENT]
    assert FrozenDocument.objects.count() == 4


def test_region_viewer_may_read_the_receipt(client, sent, viewer):
    client.force_login(viewer)
    assert client.get(RECEIPT).status_code == 200


@pytest.mark.parametrize("suffix", ["", "document.pdf"])
def test_another_regions_staff_gets_404_and_anonymous_the_login(client, sent, outsider, suffix):
    anonymous = client.get(RECEIPT + suffix)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(RECEIPT + suffix).status_code == 404
    assert client.get(f"/staff/other-region/declaration/1/receipt/1/{suffix}").status_code == 404


def test_revision_page_lists_submissions_and_frozen_pdfs_with_hashes(editor_client, sent):
    submission = Submission.objects.get()
    frozen = frozen_documents(sent)
    html = editor_client.get("/staff/setouchi/declaration/1/").content.decode()
    assert f'href="{RECEIPT}"' in html
    assert submission.receipt_number in html
    assert f'href="/documents/declaration/{sent.pk}/document.pdf"' in html
    assert frozen[DocumentKind.DOCUMENT].sha256 in html
    assert frozen[DocumentKind.COVER].sha256 in html


def test_draft_pages_link_the_preview_pdf(editor_client, imported):
    for document in ("declaration", "vision"):
        revision = getattr(imported, f"{document}_revision")
        html = editor_client.get(f"/staff/setouchi/{document}/1/").content.decode()
        assert f'href="/documents/{document}/{revision.pk}/document.pdf"' in html
        assert f'href="/documents/{document}/{revision.pk}/cover.pdf"' in html
        assert "プレビュー（PDF・下書き）" in html
        assert "まだ送付していません" in html


def test_until_the_worker_has_made_them_the_receipt_says_making_and_polls(editor_client, making):
    html = editor_client.get(RECEIPT).content.decode()

    assert html.count("作成中です") == 2
    assert f'href="{RECEIPT}document.pdf"' not in html
    assert 'hx-trigger="every 10s"' in html and 'hx-select="#receipt-documents"' in html
    pdf = editor_client.get(f"{RECEIPT}document.pdf")
    assert pdf.status_code == 503 and pdf["Retry-After"] == "10"
    assert "作成中" in pdf.content.decode()

    make_documents()

    html = editor_client.get(RECEIPT).content.decode()
    assert "作成中" not in html and 'hx-trigger="every 10s"' not in html
    for row in frozen_documents(making).values():
        assert row.sha256 in html


def test_the_revision_page_says_making_then_shows_the_hashes(editor_client, making):
    page = "/staff/setouchi/declaration/1/"
    html = editor_client.get(page).content.decode()

    assert html.count("作成中（できあがると SHA-256 が表示されます）") == 2
    assert f'href="/documents/declaration/{making.pk}/document.pdf"' not in html
    assert 'hx-select="#revision-documents"' in html

    make_documents()

    html = editor_client.get(page).content.decode()
    assert "作成中（" not in html
    assert frozen_documents(making)[DocumentKind.DOCUMENT].sha256 in html


def test_a_failed_build_tells_the_staff_that_operators_make_it_again(editor_client, making):
    DocumentBuild.objects.update(status=DocumentBuild.Status.FAILED)

    receipt = editor_client.get(RECEIPT).content.decode()
    page = editor_client.get("/staff/setouchi/declaration/1/").content.decode()

    for html in (receipt, page):
        assert html.count("作成に失敗しました。運用担当が再作成します") == 2
        assert 'hx-trigger="every 10s"' not in html  # nothing to wait for until an operator acts
