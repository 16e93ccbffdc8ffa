"""Attachments carried beside a region bundle (ADR 0120).

A bundle lists its revisions' attachments (``filing.bundle.attachments``); the files travel
in a folder, each named by its SHA-256. ``export_listing`` is what the exported revisions
hold; ``write_files`` copies the stored files into the folder; ``read_files`` checks every
listed file there (present, size, SHA-256, type by content, the limits) before anything is
saved; ``filing_import_with_attachments`` saves the filing and attaches the files through
``attachments.services.attachment_add``, all or nothing: on any failure no row is left and
every file it stored is deleted again.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from attachments.models import Attachment
from attachments.selectors import attached_to
from attachments.services import AttachmentError, attachment_add
from filing.bundle import BundleError, ListedAttachment, check_file
from workflow.adapter import ImportResult, filing_import


@dataclass(frozen=True)
class Exported:
    listed: ListedAttachment
    attachment: Attachment


def _listed(attachment, path: str, document: str, project: int | None) -> ListedAttachment:
    return ListedAttachment(
        path=path,
        document=document,
        project=project,
        title=attachment.title,
        kind=attachment.kind,
        is_public=attachment.is_public,
        name=attachment.original_name,
        media_type=attachment.media_type,
        size=attachment.size,
        sha256=attachment.sha256,
    )


def _rows(target, base: str, document: str, project=None) -> list[Exported]:
    return [
        Exported(_listed(row, f"{base}.attachments[{index}]", document, project), row)
        for index, row in enumerate(attached_to(target).order_by("uploaded_at", "pk"))
    ]


def export_listing(declaration_revision, vision_revision=None) -> list[Exported]:
    """The attachments of the exported revisions and of the vision's projects, in bundle
    order (the projects in the order ``filing_from_revisions`` writes them)."""
    exported = _rows(declaration_revision, "declaration", "declaration")
    if vision_revision is not None:
        exported += _rows(vision_revision, "vision", "vision")
        for index, project in enumerate(vision_revision.projects.all()):
            exported += _rows(project, f"vision.projects[{index}]", "vision", index)
    return exported


def write_files(exported: list[Exported], directory) -> int:
    """Copy each stored file into ``directory`` (made if missing) as ``<sha256>``; returns how
    many files were written (the same content attached twice is one file)."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = set()
    for item in exported:
        if item.listed.sha256 in written:
            continue
        with item.attachment.file.open("rb") as source:
            (folder / item.listed.sha256).write_bytes(source.read())
        written.add(item.listed.sha256)
    return len(written)


def _read(path: Path, limit: int) -> bytes | None:
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def read_files(listing, directory) -> dict[str, bytes]:
    """Every listed file from ``directory`` by SHA-256, each checked against its entry
    (``filing.bundle.check_file``) and the limits (``ATTACHMENT_MAX_BYTES`` per file,
    ``ATTACHMENT_MAX_REVISION_BYTES`` per revision with its projects). Raises
    ``BundleError`` at the JSON path of the first wrong entry; reads nothing into storage."""
    folder = Path(directory)
    if not folder.is_dir():
        raise BundleError("$", f"添付ファイルのフォルダ {folder} がありません")
    most = settings.ATTACHMENT_MAX_BYTES
    files: dict[str, bytes] = {}
    totals: dict[str, int] = {}
    for listed in listing:
        if listed.size > most:
            raise BundleError(
                f"{listed.path}.size",
                f"添付ファイル「{listed.name}」は大きすぎます（1 ファイル {most:,} バイトまで）",
            )
        content = files.get(listed.sha256)
        if content is None:
            content = _read(folder / listed.sha256, most)
        error = check_file(listed, content)
        if error is not None:
            raise error
        files[listed.sha256] = content
        totals[listed.document] = totals.get(listed.document, 0) + listed.size
        if totals[listed.document] > settings.ATTACHMENT_MAX_REVISION_BYTES:
            raise BundleError(
                f"{listed.path}.size",
                f"{listed.document} の版の添付ファイルの合計が上限"
                f"（{settings.ATTACHMENT_MAX_REVISION_BYTES:,} バイト）を超えます",
            )
    return files


def _target(result: ImportResult, listed: ListedAttachment, projects: list):
    if listed.document == "declaration":
        return result.declaration_revision
    if listed.project is None:
        return result.vision_revision
    return projects[listed.project]


class _ContentFile:
    """What ``attachment_add`` reads: the bytes, their size and the original name."""

    def __init__(self, content: bytes, name: str):
        self.content, self.name, self.size = content, name, len(content)

    def read(self, limit: int = -1) -> bytes:
        return self.content if limit < 0 else self.content[:limit]


def filing_import_with_attachments(
    filing, listing, files: dict[str, bytes], *, actor, **options
) -> ImportResult:
    """``workflow.adapter.filing_import`` (``options`` as there) and then every listed file
    attached by ``actor`` (``attachment_add``, each with its audit row), all or nothing.
    ``files``: from ``read_files``. An attachment refused raises ``BundleError`` at its
    entry's path. On any failure the transaction rolls back and every file already stored
    is deleted."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            result = filing_import(filing, actor=actor, **options)
            vision = result.vision_revision
            projects = list(vision.projects.all()) if vision else []  # bundle order
            for listed in listing:
                try:
                    attachment = attachment_add(
                        target=_target(result, listed, projects),
                        upload=_ContentFile(files[listed.sha256], listed.name),
                        actor=actor,
                        title=listed.title,
                        kind=listed.kind,
                        is_public=listed.is_public,
                    )
                except AttachmentError as error:
                    raise BundleError(listed.path, str(error)) from None
                stored.append(attachment.file.name)
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            try:
                storage.delete(name)
            except Exception:
                pass
        raise
    return result
