"""Read-only queries of the documents app, for the staff forms, the reviewers' admin and the
public pages.

``documents_for(revision)`` lists a revision's PDFs with their download URL, SHA-256 and
size; ``published_match(sha256)`` finds the published revision a PDF belongs to (never an
unpublished one: ``/verify/`` is public). Who may download what is ``can_download``.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.access import role_in
from accounts.models import REVIEWER_GROUP
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from documents.models import Document, DocumentBuild, FrozenDocument, Kind
from visions.models import VisionRevision


@dataclass(frozen=True, slots=True)
class DocumentLink:
    """One PDF of a revision as a page lists it."""

    document: str  # declaration | vision
    kind: str  # document | cover
    label: str  # 「連携宣言書」, 「送付書（連携宣言書）」
    revision_number: int
    url: str
    sha256: str | None  # None: a draft preview, or not made yet (the worker makes it)
    size: int | None  # bytes
    pages: int | None
    created_at: datetime | None
    is_preview: bool  # a draft, rendered on each request and marked 「下書き」
    state: str = "made"  # made | making (作成中) | failed (作成に失敗) | preview

    @property
    def is_made(self) -> bool:
        return self.state == MADE

    @property
    def is_making(self) -> bool:
        return self.state == MAKING

    @property
    def is_failed(self) -> bool:
        return self.state == FAILED

    def __str__(self):
        return f"{self.title} 第{self.revision_number}版（PDF）"

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def title(self) -> str:
        return self.label


MADE, MAKING, FAILED, PREVIEW = "made", "making", "failed", "preview"


def build_state(build_status: str | None, made: bool) -> str:
    """What a page says of a 送付's PDF: made; failed (its build gave up: 「作成に失敗しました」);
    or making (「作成中」: queued, being made, waiting for a retry, or not queued yet)."""
    if made:
        return MADE
    return FAILED if build_status == DocumentBuild.Status.FAILED else MAKING


def download_url(document: str, pk: int, kind: str) -> str:
    return reverse("documents:download", kwargs={"document": document, "pk": pk, "kind": kind})


def _document_of(revision) -> str:
    return Document.DECLARATION if isinstance(revision, DeclarationRevision) else Document.VISION


def _label(document: str, kind: str) -> str:
    label = str(Document(document).label)
    return label if kind == Kind.DOCUMENT else f"{Kind.COVER.label}（{label}）"


def _links(
    revision, rows: dict[str, FrozenDocument], build_status: str | None = None
) -> list[DocumentLink]:
    document = _document_of(revision)
    preview = revision.status == Status.DRAFT
    links = []
    for kind in Kind.values:
        row = None if preview else rows.get(kind)
        state = PREVIEW if preview else build_state(build_status, row is not None)
        links.append(
            DocumentLink(
                document=document,
                kind=kind,
                label=_label(document, kind),
                revision_number=revision.number,
                url=download_url(document, revision.pk, kind),
                sha256=row.sha256 if row else None,
                size=row.size if row else None,
                pages=row.pages if row else None,
                created_at=row.created_at if row else None,
                is_preview=preview,
                state=state,
            )
        )
    return links


def documents_for(revision, *, build_status: bool = True) -> list[DocumentLink]:
    """The PDFs of a declaration or vision revision: the document first, then its cover letter.

    A draft gives preview links (rendered on request, marked 「下書き」, no hash). A 送付 whose
    PDFs the worker has not made yet gives links in the state 「作成中」 (or 「作成に失敗」).
    Whether the current user may open them is ``can_download``; public pages should list
    published revisions only. One query (two while a PDF is missing; a public page, which
    says 「作成中」 either way, passes ``build_status=False`` and never needs the second).
    """
    rows = {
        row.kind: row
        for row in FrozenDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(revision),
            object_id=revision.pk,
            submitted_at=revision.submitted_at,
        )
    }
    status = None
    if build_status and revision.status != Status.DRAFT and set(rows) != set(Kind.values):
        status = build_status_of(revision, revision.submitted_at)
    return _links(revision, rows, status)


def build_status_of(revision, submitted_at) -> str | None:
    """The status of the build of one 送付's PDFs (``DocumentBuild.Status``), or ``None``
    when none is recorded (a 送付 from before the worker made them). One query."""
    return (
        DocumentBuild.objects.filter(
            content_type=ContentType.objects.get_for_model(revision),
            object_id=revision.pk,
            submitted_at=submitted_at,
        )
        .values_list("status", flat=True)
        .first()
    )


def submission_documents(revision, submitted_at) -> dict[str, FrozenDocument]:
    """The frozen PDFs of one 送付 of a revision (the ``submitted_at`` they were made for), by
    kind: every 送付 has its own, kept after the revision is sent again (ADR 0094). One query."""
    rows = FrozenDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        submitted_at=submitted_at,
    )
    return {row.kind: row for row in rows}


def documents_for_many(revisions) -> dict[tuple[str, int], list[DocumentLink]]:
    """``documents_for`` for many revisions at once (one query per document type), keyed by
    ``(document, revision pk)``."""
    revisions = list(revisions)
    by_type: dict[type, list] = defaultdict(list)
    for revision in revisions:
        by_type[type(revision)].append(revision.pk)
    submitted = {(_document_of(r), r.pk): r.submitted_at for r in revisions}
    rows: dict[tuple[str, int], dict[str, FrozenDocument]] = defaultdict(dict)
    for model, pks in by_type.items():
        document = Document.DECLARATION if model is DeclarationRevision else Document.VISION
        for row in FrozenDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=pks
        ):
            key = (document, row.object_id)
            if row.submitted_at == submitted[key]:  # the current submission only
                rows[key][row.kind] = row
    statuses = _build_statuses(by_type, submitted, rows)
    return {
        (_document_of(r), r.pk): _links(
            r, rows.get((_document_of(r), r.pk), {}), statuses.get((_document_of(r), r.pk))
        )
        for r in revisions
    }


def _build_statuses(by_type, submitted, rows) -> dict[tuple[str, int], str]:
    """The build status of every revision whose current 送付's PDFs are not all there (one
    query per document type, none when every PDF is made)."""
    statuses = {}
    for model, pks in by_type.items():
        document = Document.DECLARATION if model is DeclarationRevision else Document.VISION
        missing = [
            pk
            for pk in pks
            if submitted[(document, pk)] is not None
            and set(rows.get((document, pk), {})) != set(Kind.values)
        ]
        if not missing:
            continue
        for object_id, at, status in DocumentBuild.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=missing
        ).values_list("object_id", "submitted_at", "status"):
            if at == submitted[(document, object_id)]:
                statuses[(document, object_id)] = status
    return statuses


def is_reviewer(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=REVIEWER_GROUP).exists()
    )


def can_download(user, revision) -> bool:
    """Published revisions: anyone. Others: the region's staff, reviewers and superusers."""
    if revision.status == Status.PUBLISHED:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return is_reviewer(user) or role_in(user, revision.region) is not None


@dataclass(frozen=True, slots=True)
class Match:
    """The published revision a PDF is (for ``/verify/``)."""

    frozen: FrozenDocument
    revision: object  # DeclarationRevision | VisionRevision
    region_name: str
    region_slug: str
    declaration_number: int | None  # for a vision: the declaration revision it is read against

    @property
    def download_url(self) -> str:
        return self.frozen.get_absolute_url()


def published_match(sha256: str) -> Match | None:
    """The frozen PDF with this SHA-256 whose revision is published, or ``None``.

    A PDF of a revision that is not (yet) published matches nothing here: the public must
    learn nothing about unpublished filings. Nor does the PDF of an earlier submission of a
    revision that was returned and submitted again: it is not what was published.
    """
    sha256 = sha256.lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        return None
    for frozen in FrozenDocument.objects.filter(sha256=sha256).select_related("region"):
        if frozen.document == Document.DECLARATION:
            revision = (
                DeclarationRevision.objects.select_related("declaration__region")
                .filter(
                    pk=frozen.object_id, status=Status.PUBLISHED, submitted_at=frozen.submitted_at
                )
                .first()
            )
            if revision is not None:
                return Match(frozen, revision, revision.region_name, frozen.region.slug, None)
        else:
            revision = (
                VisionRevision.objects.select_related("vision__region", "declaration_revision")
                .filter(
                    pk=frozen.object_id, status=Status.PUBLISHED, submitted_at=frozen.submitted_at
                )
                .first()
            )
            if revision is not None:
                declaration = revision.declaration_revision
                return Match(
                    frozen,
                    revision,
                    declaration.region_name if declaration else frozen.region.slug,
                    frozen.region.slug,
                    declaration.number if declaration else None,
                )
    return None
