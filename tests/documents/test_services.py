"""Freezing at submission: the PDFs of a submitted revision are made once, stored through the
storage API with their SHA-256, never changed; a draft is never frozen."""

import hashlib
from dataclasses import replace
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import StatusChange
from documents import render as pdf
from documents.models import Document, DocumentBuild, FrozenDocument, FrozenDocumentError, Kind
from documents.services import (
    FreezeRefused,
    StoredDocumentDamaged,
    freeze_documents,
    frozen_documents,
    read_frozen,
    render_document,
)
from filing.bundle import read_bundle_file
from filing.data import MemberData, MemberKind, RevisionInfo, RevisionKind
from filing.formatting import wareki
from tests.documents.helpers import BUNDLES_DIR, flat_text, page_count
from tests.review_helpers import submit_and_make
from workflow.adapter import filing_import
from workflow.verbs import revision_reopen, revision_return

pytestmark = pytest.mark.django_db


def stored_files(root) -> list:
    return sorted(p for p in root.rglob("*.pdf")) if root.exists() else []


def test_submitting_a_declaration_freezes_its_pdf_and_cover_letter(imported, editor, media_root):
    revision = imported.declaration_revision

    submit_and_make(revision=revision, actor=editor)

    frozen = frozen_documents(revision)
    assert set(frozen) == {Kind.DOCUMENT, Kind.COVER}
    for row in frozen.values():
        data = default_storage.open(row.file.name).read()
        assert data.startswith(b"%PDF-")
        assert row.sha256 == hashlib.sha256(data).hexdigest()
        assert (row.size, row.pages) == (len(data), page_count(data))
        assert (row.region, row.document, row.revision_number) == (
            revision.region,
            Document.DECLARATION,
            revision.number,
        )
        assert row.revision == revision
    assert len(stored_files(media_root)) == 2
    document_text = flat_text(read_frozen(frozen[Kind.DOCUMENT]))
    assert "瀬戸内広域リージョン連携宣言書" in document_text
    cover_text = flat_text(read_frozen(frozen[Kind.COVER]))
    assert "連携宣言書の写しの送付について" in cover_text
    assert frozen[Kind.DOCUMENT].sha256 in cover_text, "the cover letter states the hash"


def test_submitting_the_vision_freezes_the_vision_and_its_cover(sent_declaration, imported, editor):
    vision = imported.vision_revision

    submit_and_make(revision=vision, actor=editor)

    frozen = frozen_documents(vision)
    assert {row.document for row in frozen.values()} == {Document.VISION}
    text = flat_text(read_frozen(frozen[Kind.DOCUMENT]))
    assert "瀬戸内広域リージョン連携ビジョン" in text
    assert "合計450,000,000円" in text
    assert "広域リージョン連携ビジョンの送付について" in flat_text(read_frozen(frozen[Kind.COVER]))


def test_a_draft_cannot_be_frozen(imported, media_root):
    revision = imported.declaration_revision

    with pytest.raises(FreezeRefused, match="下書き"):
        freeze_documents(revision=revision)

    assert not FrozenDocument.objects.exists()
    assert stored_files(media_root) == []


def test_a_stale_object_of_a_draft_cannot_be_frozen_either(imported):
    revision = imported.declaration_revision
    revision.status = Status.SUBMITTED  # in memory only: the database still says draft

    with pytest.raises(FreezeRefused):
        freeze_documents(revision=revision)


def test_freezing_again_makes_nothing_new(sent_declaration, media_root):
    revision = sent_declaration
    first = {kind: row.pk for kind, row in frozen_documents(revision).items()}

    again = freeze_documents(revision=revision)

    assert {kind: row.pk for kind, row in again.items()} == first
    assert FrozenDocument.objects.count() == 2
    assert len(stored_files(media_root)) == 2


def test_a_missing_cover_letter_is_made_from_the_stored_document(sent_declaration):
    revision = sent_declaration
    document = frozen_documents(revision)[Kind.DOCUMENT]
    FrozenDocument.objects.filter(kind=Kind.COVER)._raw_delete(FrozenDocument.objects.db)

    made = freeze_documents(revision=revision)

    assert made[Kind.DOCUMENT].pk == document.pk
    assert document.sha256 in flat_text(read_frozen(made[Kind.COVER]))


def test_the_frozen_pdf_is_what_rendering_the_submitted_revision_gives_again(sent_declaration):
    revision = sent_declaration

    for kind, row in frozen_documents(revision).items():
        assert render_document(revision, kind) == read_frozen(row), kind


def test_the_declaration_is_dated_its_declared_day_and_the_cover_letter_the_submission_day(
    sent_declaration,
):
    revision = sent_declaration
    frozen = frozen_documents(revision)

    assert "令和8年4月1日" in flat_text(read_frozen(frozen[Kind.DOCUMENT]))
    submitted = wareki(timezone.localdate(revision.submitted_at))
    assert submitted in flat_text(read_frozen(frozen[Kind.COVER]))


def test_frozen_documents_can_be_neither_changed_nor_deleted(sent_declaration):
    row = FrozenDocument.objects.first()

    row.sha256 = "0" * 64
    with pytest.raises(FrozenDocumentError):
        row.save()
    with pytest.raises(FrozenDocumentError):
        row.delete()
    with pytest.raises(FrozenDocumentError):
        FrozenDocument.objects.update(sha256="0" * 64)
    with pytest.raises(FrozenDocumentError):
        FrozenDocument.objects.all().delete()
    assert FrozenDocument.objects.filter(sha256="0" * 64).count() == 0


def test_when_the_pdf_cannot_be_made_the_submission_still_happens_and_the_build_keeps_the_error(
    imported, editor, monkeypatch, tmp_path, media_root
):
    monkeypatch.setattr(pdf, "FONT_FILES", {400: tmp_path / "gone.otf"})
    revision = imported.declaration_revision

    submit_and_make(revision=revision, actor=editor)  # the worker's job fails; the 送付 stands

    revision.refresh_from_db()
    assert revision.status == Status.SUBMITTED
    assert StatusChange.objects.filter(new=Status.SUBMITTED).count() == 1
    assert not FrozenDocument.objects.exists()
    build = DocumentBuild.objects.get()
    assert (build.status, build.attempts) == (DocumentBuild.Status.PENDING, 1)
    assert build.last_error.startswith("PdfError")
    assert build.next_attempt_at > timezone.now()


def test_a_stored_file_that_changed_or_vanished_is_never_served(sent_declaration):
    document, cover = (
        FrozenDocument.objects.get(kind=Kind.DOCUMENT),
        FrozenDocument.objects.get(kind=Kind.COVER),
    )
    name = document.file.name
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"%PDF-1.7 tampered"))
    default_storage.delete(cover.file.name)

    with pytest.raises(StoredDocumentDamaged, match="SHA-256"):
        read_frozen(document)
    with pytest.raises(StoredDocumentDamaged, match="読めません"):
        read_frozen(cover)


def test_pdfs_go_through_the_storage_api_not_the_file_system(
    imported, editor, settings, media_root
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    revision = imported.declaration_revision

    submit_and_make(revision=revision, actor=editor)

    assert stored_files(media_root) == []
    for row in frozen_documents(revision).values():
        assert hashlib.sha256(read_frozen(row)).hexdigest() == row.sha256


def test_a_change_lists_what_changed_since_the_published_revision(
    published_declaration, sent_vision, editor
):
    first = published_declaration
    bundle = read_bundle_file(BUNDLES_DIR / "valid_region.json")
    newcomer = MemberData("newlab", "瀬戸内新素材研究所", MemberKind.RESEARCH_INSTITUTE)
    change = replace(
        bundle,
        members=(*bundle.members, newcomer),
        vision=None,
        declaration=replace(
            bundle.declaration,
            declared_on=date(2026, 11, 2),
            revision=RevisionInfo(kind=RevisionKind.CHANGED, consulted_on=date(2026, 10, 20)),
        ),
    )
    # The vision draft of the first import was sent (sent_vision), so the import may proceed.
    second = filing_import(change, region=first.region).declaration_revision

    submit_and_make(revision=second, actor=editor)

    text = flat_text(read_frozen(frozen_documents(second)[Kind.DOCUMENT]))
    assert "瀬戸内広域リージョン連携宣言書（変更）" in text
    assert "令和8年4月1日の広域リージョン連携宣言を次のとおり変更する" in text
    assert "加わった構成団体瀬戸内新素材研究所" in text
    cover = flat_text(read_frozen(frozen_documents(second)[Kind.COVER]))
    assert "広域リージョン連携宣言の変更について（送付）" in cover
    assert "第2版（変更）" in cover


def test_a_revision_submitted_again_after_its_return_gets_new_pdfs_of_its_new_content(
    sent_declaration, editor
):
    revision = sent_declaration
    first = frozen_documents(revision)
    revision_return(revision=revision, actor=editor, comment="目指すべき姿を具体的に")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    assert frozen_documents(revision) == {}, "a draft again: its old PDFs are not its documents"
    revision.aspiration = "改めて書いた目指すべき姿。"
    revision.save()

    submit_and_make(revision=revision, actor=editor)

    second = frozen_documents(revision)
    assert {row.pk for row in second.values()}.isdisjoint(row.pk for row in first.values())
    assert "改めて書いた目指すべき姿" in flat_text(read_frozen(second[Kind.DOCUMENT]))
    assert "改めて書いた目指すべき姿" not in flat_text(read_frozen(first[Kind.DOCUMENT]))
    assert FrozenDocument.objects.count() == 4, "the first copies are kept"
