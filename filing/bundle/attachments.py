"""The attachments a region bundle lists (ADR 0120): what they are, never their bytes.

A bundle may list, under ``declaration.attachments``, ``vision.attachments`` and
``vision.projects[i].attachments``, the files attached to the revision or to that project::

    {"title": "第5回推進会議 議事録", "kind": "consultation_record", "public": false,
     "name": "議事録.pdf", "media_type": "application/pdf", "size": 12345,
     "sha256": "<64 lower-case hex digits>"}

``kind`` is one of ``consultation_record`` (協議の記録), ``signed_declaration``,
``reference``, ``other``; ``media_type`` one of the attachment formats of
``filing.evidence``. Every key is required (a listing describes a file exactly). The files
travel beside the bundle, in a folder, each named by its SHA-256
(``export_region --with-attachments DIR``); ``check_file`` holds one against its entry.
The listing is not part of the ``Filing`` (the rules, the diff and the published bundles
never see it); ``parse_bundle_listing`` returns it beside the filing.
"""

import hashlib
import re
from dataclasses import dataclass

from filing.bundle.errors import BundleError, child, quote, type_error
from filing.bundle.limits import ATTACHMENTS
from filing.evidence import ATTACHMENT_KINDS, AttachmentRefused, attachment_kind
from filing.evidence import clean_attachment_name as clean_name

ATTACHMENT_KEYS = ("title", "kind", "public", "name", "media_type", "size", "sha256")
KINDS = ("consultation_record", "signed_declaration", "reference", "other")
CONSULTATION_RECORD = "consultation_record"
MEDIA_TYPES = tuple(kind.content_type for kind in ATTACHMENT_KINDS)
MAX_TITLE = 200
_SHA256_RE = re.compile(r"\A[0-9a-f]{64}\Z", re.ASCII)


@dataclass(frozen=True, slots=True)
class ListedAttachment:
    """One listed attachment: where it hangs (``document``, and ``project`` — the index in
    ``vision.projects`` — or ``None`` for the revision itself) and what it is."""

    path: str  # its JSON path: "vision.projects[2].attachments[0]"
    document: str  # "declaration" | "vision"
    project: int | None
    title: str
    kind: str
    is_public: bool
    name: str
    media_type: str
    size: int
    sha256: str


def read_attachments(reader, obj: dict, path: str, *, document: str, project=None) -> list:
    """The ``attachments`` of ``obj`` (at ``path``) through the bundle reader's helpers."""
    listed = []
    list_path = child(path, "attachments")
    for index, value in enumerate(reader.array(obj, "attachments", path, ATTACHMENTS)):
        item_path = child(list_path, index)
        item = reader.mapping(value, item_path, ATTACHMENT_KEYS)
        for key in ATTACHMENT_KEYS:
            if key not in item:
                raise BundleError(item_path, f"必須のキー {quote(key)} がありません")
        listed.append(_entry(reader, item, item_path, document, project))
    return listed


def read_listing(reader, document: dict) -> tuple[ListedAttachment, ...]:
    """Every attachment a decoded bundle lists (its objects already read): the
    declaration's, the vision's, then each project's, in bundle order."""
    listed = read_attachments(
        reader, document["declaration"], "declaration", document="declaration"
    )
    vision = document.get("vision")
    if vision is not None:
        listed += read_attachments(reader, vision, "vision", document="vision")
        for index, project in enumerate(vision.get("projects") or ()):
            path = f"vision.projects[{index}]"
            listed += read_attachments(reader, project, path, document="vision", project=index)
    return tuple(listed)


def _entry(reader, item: dict, path: str, document: str, project) -> ListedAttachment:
    kind = item["kind"]
    if kind not in KINDS:
        raise BundleError(
            f"{path}.kind",
            f"不明な添付の種類 {quote(str(kind))} です（使える種類: {', '.join(KINDS)}）",
        )
    media_type = item["media_type"]
    if media_type not in MEDIA_TYPES:
        raise BundleError(
            f"{path}.media_type",
            f"添付できない形式 {quote(str(media_type))} です（使える形式: {', '.join(MEDIA_TYPES)}）",
        )
    size = item["size"]
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        raise type_error(f"{path}.size", "大きさ（1 以上のバイト数の整数）", size)
    sha256 = item["sha256"]
    if not isinstance(sha256, str) or not _SHA256_RE.match(sha256):
        raise BundleError(f"{path}.sha256", "SHA-256 は 64 桁の小文字の 16 進数で指定してください")
    name = reader.text(item, "name", path)
    try:
        name = clean_name(name)
    except AttachmentRefused as error:
        raise BundleError(f"{path}.name", str(error)) from None
    title = reader.text(item, "title", path, MAX_TITLE) or name.rsplit(".", 1)[0]
    return ListedAttachment(
        path=path,
        document=document,
        project=project,
        title=title,
        kind=kind,
        is_public=reader.boolean(item, "public", path),
        name=name,
        media_type=media_type,
        size=size,
        sha256=sha256,
    )


def attachment_to_bundle(listed: ListedAttachment) -> dict:
    return {
        "title": listed.title,
        "kind": listed.kind,
        "public": listed.is_public,
        "name": listed.name,
        "media_type": listed.media_type,
        "size": listed.size,
        "sha256": listed.sha256,
    }


def put_attachments(bundle: dict, listing) -> dict:
    """``bundle`` (a ``filing_to_bundle`` dict) with the ``attachments`` of ``listing`` in
    their places; an object without any gets no key (bundles without attachments stay
    the same)."""
    for listed in listing:
        if listed.document == "declaration":
            owner = bundle["declaration"]
        elif listed.project is None:
            owner = bundle["vision"]
        else:
            owner = bundle["vision"]["projects"][listed.project]
        owner.setdefault("attachments", []).append(attachment_to_bundle(listed))
    return bundle


def has_consultation_record(listing, document: str) -> bool:
    """Whether ``document``'s revision itself lists an attachment of kind 協議の記録."""
    return any(
        item.document == document and item.project is None and item.kind == CONSULTATION_RECORD
        for item in listing
    )


def check_file(listed: ListedAttachment, content: bytes | None) -> BundleError | None:
    """What is wrong with the file found for ``listed`` (``None``: nothing is): missing,
    another size, another SHA-256, or not what the listing says by its content."""
    if content is None:
        return BundleError(
            f"{listed.path}.sha256",
            f"添付ファイル「{listed.name}」がありません（ファイル名 {listed.sha256} で置いてください）",
        )
    if len(content) != listed.size:
        return BundleError(
            f"{listed.path}.size",
            f"添付ファイル「{listed.name}」の大きさが一覧と違います"
            f"（一覧 {listed.size:,} バイト、ファイル {len(content):,} バイト）",
        )
    if hashlib.sha256(content).hexdigest() != listed.sha256:
        return BundleError(
            f"{listed.path}.sha256",
            f"添付ファイル「{listed.name}」の SHA-256 が一覧と違います（ファイルが壊れているか別のものです）",
        )
    try:
        kind = attachment_kind(content)
    except AttachmentRefused as error:
        return BundleError(
            f"{listed.path}.media_type", f"添付ファイル「{listed.name}」は添付できません: {error}"
        )
    if kind.content_type != listed.media_type:
        return BundleError(
            f"{listed.path}.media_type",
            f"添付ファイル「{listed.name}」の中身は {kind.label}（{kind.content_type}）で、"
            f"一覧の形式 {listed.media_type} と違います",
        )
    return None
