"""Making, freezing and reading the PDFs of a revision (連携宣言書, 連携ビジョン, 送付書).

A 送付 records a ``DocumentBuild`` (``documents.builds``, inside ``revision_submit``'s
transaction) and the background worker makes its PDFs (``documents.tasks``, ADR 0102):
``build_make`` renders the document and its cover letter from what was sent (the 送付's
bundle, ``reviews.Submission.snapshot``, and the values the build kept at that moment), saves
them through Django's storage API (``default_storage``: ``MEDIA_ROOT``, or object storage in a
deployment) and records them with their SHA-256 in ``FrozenDocument`` rows. Every later
download reads those bytes and checks them against the hash. A draft is never frozen; it can
be previewed (``render_document(…, draft=True)``), marked 「下書き」 and not stored.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation

from attachments.selectors import (
    attachments_as_sent,
    carried_ids,
    consultation_record_titles,
    sent_attachments_at,
)
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from declarations.selectors import master_data
from documents.cover_pdf import AttachedFile, CoverDetails, Enclosure, cover_pdf
from documents.declaration_pdf import declaration_pdf, document_title
from documents.models import Document, DocumentBuild, FrozenDocument, Kind
from documents.render import DocumentMeta
from documents.vision_pdf import vision_pdf
from filing.bundle import parse_bundle
from filing.data import Filing
from reviews.models import Submission
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


class SentContentMissing(Exception):
    """What a 送付 contained was not kept (a 送付 from before ADR 0094 of a revision changed
    since): its PDFs cannot be made as they were sent, and are not made otherwise."""

    def __init__(self, build):
        self.build = build
        super().__init__(
            f"{build} の送付した内容が記録されておらず、版もその後に変わったため、送付した時点の "
            "PDF を作れません。"
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
    # The titles of the revision's 協議の記録 attachments (「協議の経過」, ADR 0120).
    consultation_records: tuple[str, ...] = ()


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
            consultation_records=consultation_record_titles(revision),
        )
    filing, declaration_revision = _vision_filing(revision)
    return Sources(
        document=Document.VISION,
        filing=filing,
        previous=_vision_filing(previous)[0] if previous is not None else None,
        declaration_number=declaration_revision.number,
        previous_declared_on=None,
        consultation_records=consultation_record_titles(revision),
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
    document = document_of(revision)
    own_day = revision.declared_on if document == Document.DECLARATION else revision.consulted_on
    return _meta(
        document,
        number=revision.number,
        slug=revision.region.slug,
        moment=None if draft else revision.submitted_at,
        own_day=own_day,
        draft=draft,
        kind=kind,
    )


def _meta(document, *, number, slug, moment, own_day, draft: bool, kind: str) -> DocumentMeta:
    sent = timezone.localdate(moment) if moment is not None else timezone.localdate()
    day = sent
    if kind == Kind.DOCUMENT and document == Document.DECLARATION:
        day = own_day or sent  # the template prints 「令和　年　月　日」 without it
    elif kind == Kind.DOCUMENT:
        day = own_day or (None if draft else sent)
    identifier = f"{slug}/{document}/{number}/{kind}"
    return DocumentMeta(
        number=number,
        dated=day,
        created=moment,
        identifier=hashlib.sha256(identifier.encode()).hexdigest()[:32],
        draft=draft,
        region_slug=slug,
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
            consultation_records=source.consultation_records,
        )
    return vision_pdf(
        source.filing,
        meta=meta,
        previous=source.previous,
        declaration_number=source.declaration_number,
        consultation_records=source.consultation_records,
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


def attached_files(rows) -> list[AttachedFile]:
    """The 送付書's list of attachments from ``SentAttachment`` rows (saved, or unsaved for
    a preview: ``attachments.selectors.attachments_as_sent``)."""
    return [
        AttachedFile(
            title=row.title,
            kind_label=str(row.get_kind_display()),
            project_name=row.project_name,
            original_name=row.original_name,
            size=row.size,
            sha256=row.sha256,
        )
        for row in rows
    ]


def _render_cover(
    source: Sources,
    meta: DocumentMeta,
    cover_meta: DocumentMeta,
    main_pdf: bytes,
    details,
    attachments: list[AttachedFile],
) -> bytes:
    return cover_pdf(
        source.filing,
        document=source.document,
        info=_revision_info(source),
        meta=cover_meta,
        enclosures=[_enclosure(source, meta, main_pdf)],
        details=details,
        attachments=attachments,
    )


# The PDFs are Japanese, the language of record, whatever the page that asks (ADR 0124).
@translation.override(settings.LANGUAGE_CODE)
def render_document(revision, kind: str, *, draft: bool | None = None) -> bytes:
    """Render the document (or its cover letter) of ``revision`` now, without storing it.

    ``draft`` defaults to whether the revision is a draft (then the PDF says 「下書き」).
    """
    draft = revision.status == Status.DRAFT if draft is None else draft
    source = sources(revision)
    meta = document_meta(revision, draft=draft)
    main_pdf = _render_main(source, meta)
    if kind == Kind.COVER:
        cover_meta = document_meta(revision, draft=draft, kind=Kind.COVER)
        attachments = attached_files(attachments_as_sent(revision))
        return _render_cover(
            source, meta, cover_meta, main_pdf, cover_details(revision), attachments
        )
    return main_pdf


def _storage_name(build: DocumentBuild, kind: str, digest: str) -> str:
    slug = build.inputs.get("region_slug") or build.region.slug
    return f"documents/{slug}/{build.document}-{build.revision_number:03d}-{kind}-{digest[:16]}.pdf"


def _store(build: DocumentBuild, kind: str, pdf: bytes) -> FrozenDocument:
    digest = hashlib.sha256(pdf).hexdigest()
    name = default_storage.save(_storage_name(build, kind, digest), ContentFile(pdf))
    return FrozenDocument.objects.create(
        region_id=build.region_id,
        document=build.document,
        content_type_id=build.content_type_id,
        object_id=build.object_id,
        revision_number=build.revision_number,
        submitted_at=build.submitted_at,
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


def sent_inputs(revision) -> dict:
    """What a 送付's PDFs are made of besides its bundle, as it stands when it is sent: kept on
    its ``DocumentBuild`` so that the PDFs do not change if the revision is returned and
    edited, or a later revision is published, before they are made (ADR 0102)."""
    previous = _previous_published(revision)
    if isinstance(revision, DeclarationRevision):
        declaration_number = revision.number
    else:
        paired = _paired_declaration(revision)
        declaration_number = paired.number if paired is not None else None
    details = cover_details(revision)
    return {
        "region_slug": revision.region.slug,
        "previous": previous.pk if previous is not None else None,
        "declaration_number": declaration_number,
        "cover": {
            "document_number": details.document_number,
            "department": details.department,
            "person": details.person,
            "phone": details.phone,
            "email": details.email,
        },
    }


def build_for(revision, *, create: bool = True) -> DocumentBuild | None:
    """The ``DocumentBuild`` of the revision's current 送付 (recorded now with the revision's
    values when there is none and ``create``). Refuses a draft (``FreezeRefused``)."""
    if revision.status == Status.DRAFT or revision.submitted_at is None:
        raise FreezeRefused(revision)
    content_type = ContentType.objects.get_for_model(revision)
    lookup = {
        "content_type": content_type,
        "object_id": revision.pk,
        "submitted_at": revision.submitted_at,
    }
    build = DocumentBuild.objects.filter(**lookup).first()
    if build is None and create:
        build, _ = DocumentBuild.objects.get_or_create(
            **lookup,
            defaults={
                "region": revision.region,
                "document": document_of(revision),
                "revision_number": revision.number,
                "inputs": sent_inputs(revision),
            },
        )
    return build


def build_documents(build: DocumentBuild) -> dict[str, FrozenDocument]:
    """The frozen PDFs of the build's 送付, by kind."""
    rows = FrozenDocument.objects.filter(
        content_type_id=build.content_type_id,
        object_id=build.object_id,
        submitted_at=build.submitted_at,
    )
    return {row.kind: row for row in rows}


def _sent_filing(build: DocumentBuild) -> Filing:
    """The ``Filing`` that was sent: the 送付's bundle; for a 送付 recorded without one (before
    ADR 0094), the revision itself while it is still at that 送付 (it cannot have changed)."""
    submission = (
        Submission.objects.filter(
            content_type_id=build.content_type_id,
            object_id=build.object_id,
            submitted_at=build.submitted_at,
        )
        .only("snapshot")
        .first()
    )
    if submission is not None and submission.snapshot:
        return parse_bundle(submission.snapshot)
    revision = revision_of(build.document, build.object_id)
    if (
        revision is None
        or revision.status == Status.DRAFT
        or revision.submitted_at != build.submitted_at
    ):
        raise SentContentMissing(build)
    if isinstance(revision, DeclarationRevision):
        return filing_from_revisions(declaration_revision_loaded(revision.pk))
    return _vision_filing(revision)[0]


def sent_sources(build: DocumentBuild) -> Sources:
    """What the build's PDFs are made of, all as it was when the 送付 was made."""
    inputs = build.inputs
    if build.document == Document.VISION and inputs.get("declaration_number") is None:
        raise MissingDeclaration(build)
    filing = _sent_filing(build)
    previous = revision_of(build.document, inputs["previous"]) if inputs.get("previous") else None
    if previous is None:
        previous_filing = None
    elif build.document == Document.DECLARATION:
        previous_filing = filing_from_revisions(declaration_revision_loaded(previous.pk))
    else:
        previous_filing = _vision_filing(previous)[0]
    return Sources(
        document=build.document,
        filing=filing,
        previous=previous_filing,
        declaration_number=inputs.get("declaration_number"),
        previous_declared_on=previous.declared_on
        if previous is not None and build.document == Document.DECLARATION
        else None,
        consultation_records=_sent_consultation_records(build),
    )


def _sent_consultation_records(build: DocumentBuild) -> tuple[str, ...]:
    """The titles of the 協議の記録 the build's 送付 sent with the revision itself, not the
    ones carried from the revision before (ADR 0120)."""
    sent = sent_attachments_at(build.content_type_id, build.object_id, build.submitted_at)
    own = sent.filter(kind="consultation_record", project_name="").exclude(
        attachment_id__in=carried_ids()
    )
    return tuple(own.values_list("title", flat=True))


def _sent_meta(build: DocumentBuild, source: Sources, kind: str) -> DocumentMeta:
    filing = source.filing
    own_day = (
        filing.declaration.declared_on
        if build.document == Document.DECLARATION
        else filing.vision.revision.consulted_on
    )
    return _meta(
        build.document,
        number=build.revision_number,
        slug=build.inputs.get("region_slug") or build.region.slug,
        moment=build.submitted_at,
        own_day=own_day,
        draft=False,
        kind=kind,
    )


@transaction.atomic
def build_make(build: DocumentBuild) -> dict[str, FrozenDocument]:
    """Make and store what is missing of the build's PDFs, then mark it done; returns them by
    kind. The build's row is locked meanwhile, so two callers never make the same PDF. Raises
    ``PdfError``, ``MissingDeclaration`` or ``SentContentMissing`` (nothing is then marked)."""
    build = DocumentBuild.objects.select_for_update().select_related("region").get(pk=build.pk)
    existing = build_documents(build)
    if set(existing) != set(Kind.values):
        source = sent_sources(build)
        meta = _sent_meta(build, source, Kind.DOCUMENT)
        if Kind.DOCUMENT in existing:
            main_pdf = read_frozen(existing[Kind.DOCUMENT])
        else:
            main_pdf = _render_main(source, meta)
            existing[Kind.DOCUMENT] = _store(build, Kind.DOCUMENT, main_pdf)
        if Kind.COVER not in existing:
            details = CoverDetails(**build.inputs.get("cover", {}))
            cover_meta = _sent_meta(build, source, Kind.COVER)
            # What the 送付 recorded (append-only), not the revision's rows of today.
            sent = sent_attachments_at(build.content_type_id, build.object_id, build.submitted_at)
            attachments = attached_files(sent)
            cover = _render_cover(source, meta, cover_meta, main_pdf, details, attachments)
            existing[Kind.COVER] = _store(build, Kind.COVER, cover)
    if build.status != DocumentBuild.Status.DONE:
        build.status = DocumentBuild.Status.DONE
        build.done_at = timezone.now()
        build.last_error = ""
        build.save(update_fields=["status", "done_at", "last_error"])
    return existing


def freeze_documents(*, revision) -> dict[str, FrozenDocument]:
    """Make the PDFs of the revision's current 送付 now, in this process (``export_pdf``,
    ``freeze_documents --now``); returns them by kind. The background worker does the same
    for every 送付 (``documents.tasks.documents_make``). Makes only what is missing; refuses
    a draft (``FreezeRefused``); raises ``documents.render.PdfError`` when a PDF cannot be
    made."""
    return build_make(build_for(revision))


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
