"""「協議の経過」 in the 連携宣言書 and the 連携ビジョン (ADR 0120): the 協議 date in 令和, the
body or meeting that agreed, and the titles of the revision's 協議の記録 attachments."""

from datetime import date

import pytest

from attachments.models import AttachmentKind
from attachments.services import attachment_add
from documents.declaration_pdf import declaration_pdf
from documents.render import DocumentMeta
from documents.services import render_document
from documents.vision_pdf import vision_pdf
from filing.bundle import read_bundle_file
from filing.data import RevisionInfo, RevisionKind
from filing.master import master_data_from_files
from tests.attachments.conftest import upload
from tests.documents.helpers import BUNDLES_DIR, flat_text
from tests.filing_factories import with_declaration, with_vision

META = DocumentMeta(number=1, dated=date(2026, 4, 1))
BODY = "中国地域発展推進会議"


@pytest.fixture(scope="module")
def filing():
    return read_bundle_file(BUNDLES_DIR / "valid_region.json")


def test_vision_prints_the_date_the_body_and_the_records(filing):
    named = with_vision(
        filing,
        revision=RevisionInfo(consulted_on=date(2026, 3, 18), consultation_body=BODY),
    )
    text = flat_text(
        vision_pdf(
            named,
            meta=META,
            declaration_number=1,
            consultation_records=("第5回推進会議議事録", "書面協議の結果"),
        )
    )
    section = text[text.index("協議の経過") :]
    assert (
        section.index("令和8年3月18日") < section.index(BODY) < section.index("第5回推進会議議事録")
    )
    assert "書面協議の結果" in section
    assert "協議の記録は、この文書の添付ファイルです。" in section


def test_vision_without_records_says_none_are_attached(filing):
    text = flat_text(vision_pdf(filing, meta=META, declaration_number=1))
    section = text[text.index("協議の経過") :]
    assert "（添付なし）" in section
    assert "協議を行った会議体等（記載なし）" in section


def test_declaration_change_prints_it_and_an_establishment_does_not(filing):
    master = master_data_from_files()
    established = flat_text(declaration_pdf(filing, master=master, meta=META))
    assert "協議の経過" not in established
    changed = with_declaration(
        filing,
        revision=RevisionInfo(
            RevisionKind.CHANGED, consulted_on=date(2026, 9, 1), consultation_body=BODY
        ),
    )
    text = flat_text(
        declaration_pdf(changed, master=master, meta=META, consultation_records=("議事録",))
    )
    section = text[text.index("協議の経過") :]
    assert "令和8年9月1日" in section and BODY in section and "議事録" in section


@pytest.mark.django_db
def test_a_draft_preview_lists_the_revisions_own_records_only(imported, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    vision = imported.vision_revision
    attachment_add(
        target=vision,
        upload=upload("議事録.pdf"),
        actor=editor,
        title="第3回協議会議事録",
        kind=AttachmentKind.CONSULTATION_RECORD,
    )
    attachment_add(target=vision, upload=upload("地図.pdf"), actor=editor, title="区域の地図")
    project = vision.projects.first()
    attachment_add(
        target=project,
        upload=upload("別の議事録.pdf"),
        actor=editor,
        title="プロジェクトの打合せ記録",
        kind=AttachmentKind.CONSULTATION_RECORD,
    )
    vision.consultation_body = BODY
    vision.save(update_fields=["consultation_body"])
    text = flat_text(render_document(vision, "document", draft=True))
    section = text[text.index("協議の経過") :]
    assert BODY in section and "第3回協議会議事録" in section
    assert "区域の地図" not in section and "プロジェクトの打合せ記録" not in section


@pytest.mark.django_db
def test_the_frozen_vision_prints_the_records_its_submission_sent(
    sent_declaration, imported, editor
):
    from documents.models import Kind
    from documents.services import frozen_documents, read_frozen
    from tests.review_helpers import submit_and_make

    vision = imported.vision_revision
    attachment_add(
        target=vision,
        upload=upload("議事録.pdf"),
        actor=editor,
        title="第3回協議会議事録",
        kind=AttachmentKind.CONSULTATION_RECORD,
    )
    submit_and_make(revision=vision, actor=editor)
    text = flat_text(read_frozen(frozen_documents(vision)[Kind.DOCUMENT]))
    assert "第3回協議会議事録" in text[text.index("協議の経過") :]
