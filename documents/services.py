"""Making, freezing and reading the PDFs of a revision (連携宣言書, 連携ビジョン, 送付書).

``freeze_documents`` runs inside ``revision_submit``'s transaction (``freeze_on_submission``
receives ``workflow.signals.revision_submitted``): the
document and its cover letter are rendered once, saved through Django's storage API
(``default_storage``: ``MEDIA_ROOT``, or object storage in a deployment) and recorded with
their SHA-256 in ``FrozenDocument`` rows. Every later download reads those bytes and
checks them against the hash. A draft is never frozen; it can be previewed
(``render_document(…, draft=True)``), marked 「下書き」 and not stored.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from declarations.selectors import master_data
from documents.cover_pdf import CoverDetails, Enclosure, cover_pdf
from documents.declaration_pdf import declaration_pdf, document_title
from documents.models import Document, FrozenDocument, Kind
from documents.render import DocumentMeta
from documents.vision_pdf import vision_pdf
from filing.data import Filing
from visions.models import VisionRevision
from visions.selectors import paired_declaration
from workflow.adapter import (
    declaration_revision_loaded,
    filing_from_revisions,
    latest_revision,
    vision_revision_loaded,
)

logger = logging.getLogger(__name__)

MODELS = {Document.DECLARATION: DeclarationRevision, Document.VISION: VisionRevision}


class FreezeRefused(Exception):
    """A draft cannot be frozen: only a submitted revision has a copy the ministry received."""

    def __init__(self, revision):
        self.revision = revision
        super().__init__(
            f"{revision} は作成中（下書き）のため、送付文書の PDF を確定できません。送付すると作られます。"
        )


class MissingDeclaration(Exception):
    """A vision revision with no declaration revision to be read against has no document."""

    def __init__(self, revision):
        self.revision = revision
        super().__init__(
            f"{revision} の前提となる連携宣言書の版がないため、連携ビジョンの PDF を作れません。"
        )


class StoredDocumentDamaged(Exception):
    """The stored bytes of a frozen PDF are missing or no longer match their SHA-256."""

    def __init__(self, frozen: FrozenDocument, reason: str):
        self.frozen = frozen
        super().__init__(f"保存された PDF {frozen.file.name} を返せません: {reason}")


@dataclass(frozen=True, slots=True)
class Sources:
    """What a revision's documents are made of."""

    document: str
    filing: Filing
    previous: Filing | None  # the previous published revision, for a change or abolition
    declaration_number: int | None  # the declaration revision a vision is read against
    previous_declared_on: date | None


def document_of(revision) -> str:
    return Document.DECLARATION if isinstance(revision, DeclarationRevision) else Document.VISION


def revision_of(document: str, pk: int):
    """The declaration or vision revision ``pk``, or ``None``."""
    model = MODELS.get(document)
    if model is None:
        return None
    related = "declaration__region" if model is DeclarationRevision else "vision__region"
    return model.objects.select_related(related).filter(pk=pk).first()


def _previous_published(revision):
    siblings = (
        DeclarationRevision.objects.filter(declaration_id=revision.declaration_id)
        if isinstance(revision, DeclarationRevision)
        else VisionRevision.objects.filter(vision_id=revision.vision_id)
    )
    return latest_revision(siblings.filter(number__lt=revision.number), status=Status.PUBLISHED)


def _paired_declaration(vision_revision: VisionRevision) -> DeclarationRevision | None:
    return paired_declaration(vision_revision)


def _vision_filing(vision_revision: VisionRevision) -> tuple[Filing, DeclarationRevision | None]:
    declaration_revision = _paired_declaration(vision_revision)
    if declaration_revision is None:
        raise MissingDeclaration(vision_revision)
    filing = filing_from_revisions(
        declaration_revision_loaded(declaration_revision.pk),
        vision_revision_loaded(vision_revision.pk),
    )
    return filing, declaration_revision


def sources(revision) -> Sources:
    """The filing of ``revision`` and of the previous published revision of the same document."""
    previous = _previous_published(revision)
    if isinstance(revision, DeclarationRevision):
        return Sources(
            document=Document.DECLARATION,
            filing=filing_from_revisions(declaration_revision_loaded(revision.pk)),
            previous=filing_from_revisions(declaration_revision_loaded(previous.pk))
            if previous is not None
            else None,
            declaration_number=revision.number,
            previous_declared_on=previous.declared_on if previous is not None else None,
        )
    filing, declaration_revision = _vision_filing(revision)
    return Sources(
        document=Document.VISION,
        filing=filing,
        previous=_vision_filing(previous)[0] if previous is not None else None,
        declaration_number=declaration_revision.number,
        previous_declared_on=None,
    )


def document_meta(revision, *, draft: bool, kind: str = Kind.DOCUMENT) -> DocumentMeta:
    """The date printed on a document and the PDF's own date and identifier.

    The cover letter is dated the day it is sent (the submission; a draft preview today).
    The document itself is dated the day it came into being: a declaration its 宣言日, a
    vision the day the members' 協議 concluded (``consulted_on``, 第4(1)); without that day,
    a submitted revision (a minor change needs no 協議) is dated the day it was sent and a
    draft stays undated (「令和　年　月　日」), as a declaration without its 宣言日 does.
    A submitted revision's PDF carries the submission time and a fixed identifier, so
    rendering it again gives the same bytes.
    """
    moment = None if draft else revision.submitted_at
    sent = timezone.localdate(moment) if moment is not None else timezone.localdate()
    day = sent
    if kind == Kind.DOCUMENT and isinstance(revision, DeclarationRevision):
        day = revision.declared_on or sent  # the template prints 「令和　年　月　日」 without it
    elif kind == Kind.DOCUMENT:
        day = revision.consulted_on or (None if draft else sent)
    identifier = f"{revision.region.slug}/{document_of(revision)}/{revision.number}/{kind}"
    return DocumentMeta(
        number=revision.number,
        dated=day,
        created=moment,
        identifier=hashlib.sha256(identifier.encode()).hexdigest()[:32],
        draft=draft,
        region_slug=revision.region.slug,
    )


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _render_main(source: Sources, meta: DocumentMeta) -> bytes:
    if source.document == Document.DECLARATION:
        return declaration_pdf(
            source.filing,
            master=master_data(),
            meta=meta,
            previous=source.previous,
            previous_declared_on=source.previous_declared_on,
        )
    return vision_pdf(
        source.filing,
        meta=meta,
        previous=source.previous,
        declaration_number=source.declaration_number,
    )


def _enclosure(source: Sources, meta: DocumentMeta, pdf: bytes) -> Enclosure:
    info = _revision_info(source)
    label = Document(source.document).label
    return Enclosure(
        title=document_title(source.filing.declaration.region_name, str(label), info.kind),
        number=meta.number,
        kind_label=str(_kind_label(info.kind)),
        pages=page_count(pdf),
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
    )


def _revision_info(source: Sources):
    if source.document == Document.DECLARATION:
        return source.filing.declaration.revision
    return source.filing.vision.revision


def _kind_label(kind) -> str:
    from declarations.lifecycle import Kind as RevisionKindChoices

    return RevisionKindChoices(kind.value).label


def cover_details(revision) -> CoverDetails:
    """The 文書番号 and 担当部署・連絡先 saved on the revision, for its 送付書."""
    return CoverDetails(
        document_number=revision.cover_number,
        department=revision.contact_department,
        person=revision.contact_person,
        phone=revision.contact_phone,
        email=revision.contact_email,
    )


def _render_cover(revision, source: Sources, meta: DocumentMeta, main_pdf: bytes) -> bytes:
    return cover_pdf(
        source.filing,
        document=source.document,
        info=_revision_info(source),
        meta=document_meta(revision, draft=meta.draft, kind=Kind.COVER),
        enclosures=[_enclosure(source, meta, main_pdf)],
        details=cover_details(revision),
    )


def render_document(revision, kind: str, *, draft: bool | None = None) -> bytes:
    """Render the document (or its cover letter) of ``revision`` now, without storing it.

    ``draft`` defaults to whether the revision is a draft (then the PDF says 「下書き」).
    """
    draft = revision.status == Status.DRAFT if draft is None else draft
    source = sources(revision)
    meta = document_meta(revision, draft=draft)
    main_pdf = _render_main(source, meta)
    if kind == Kind.COVER:
        return _render_cover(revision, source, meta, main_pdf)
    return main_pdf


def _storage_name(revision, document: str, kind: str, digest: str) -> str:
    return f"documents/{revision.region.slug}/{document}-{revision.number:03d}-{kind}-{digest[:16]}.pdf"


def _store(revision, document: str, kind: str, pdf: bytes) -> FrozenDocument:
    digest = hashlib.sha256(pdf).hexdigest()
    name = default_storage.save(_storage_name(revision, document, kind, digest), ContentFile(pdf))
    return FrozenDocument.objects.create(
        region=revision.region,
        document=document,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        revision_number=revision.number,
        submitted_at=revision.submitted_at,
        kind=kind,
        file=name,
        sha256=digest,
        size=len(pdf),
        pages=page_count(pdf),
    )


def frozen_documents(revision) -> dict[str, FrozenDocument]:
    """The frozen PDFs of the revision's current submission, by kind (empty for a draft).

    A revision returned, reopened and submitted again has the PDFs of each submission; only
    those of the latest one (its ``submitted_at``) are the revision's documents.
    """
    if revision.status == Status.DRAFT:
        return {}
    rows = FrozenDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        submitted_at=revision.submitted_at,
    )
    return {row.kind: row for row in rows}


@transaction.atomic
def freeze_documents(*, revision) -> dict[str, FrozenDocument]:
    """Make and store the PDFs of a submitted revision, once; returns them by kind.

    Called by ``revision_submit`` right after the move to ``submitted``; calling it again
    (or for a revision submitted before this existed) returns the stored rows, making
    only what is missing. Refuses a draft (``FreezeRefused``); raises
    ``documents.render.PdfError`` when a PDF cannot be made (the caller's transaction
    then rolls back).
    """
    model = type(revision)
    locked = model.objects.select_for_update().filter(pk=revision.pk).first()
    if locked is None or locked.status == Status.DRAFT:
        raise FreezeRefused(revision)
    revision.status, revision.submitted_at = locked.status, locked.submitted_at
    existing = frozen_documents(revision)
    if set(existing) == set(Kind.values):
        return existing
    document = document_of(revision)
    source = sources(revision)
    meta = document_meta(revision, draft=False)
    if Kind.DOCUMENT in existing:
        main_pdf = read_frozen(existing[Kind.DOCUMENT])
    else:
        main_pdf = _render_main(source, meta)
        existing[Kind.DOCUMENT] = _store(revision, document, Kind.DOCUMENT, main_pdf)
    if Kind.COVER not in existing:
        cover = _render_cover(revision, source, meta, main_pdf)
        existing[Kind.COVER] = _store(revision, document, Kind.COVER, cover)
    return existing


def read_frozen(frozen: FrozenDocument) -> bytes:
    """The stored bytes of a frozen PDF, checked against its SHA-256."""
    try:
        with default_storage.open(frozen.file.name, "rb") as handle:
            data = handle.read()
    except OSError as error:
        logger.error("保存された PDF %s を読めません: %s", frozen.file.name, error)
        raise StoredDocumentDamaged(frozen, "ファイルを読めません") from error
    if hashlib.sha256(data).hexdigest() != frozen.sha256:
        logger.error("保存された PDF %s の SHA-256 が記録と一致しません", frozen.file.name)
        raise StoredDocumentDamaged(frozen, "SHA-256 が記録と一致しません")
    return data


def freeze_on_submission(sender, *, revision, **kwargs) -> None:
    """Receiver of ``workflow.signals.revision_submitted``: the PDFs the ministry receives."""
    freeze_documents(revision=revision)
