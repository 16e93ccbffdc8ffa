"""The evidence file of a yearly result (実績, ADR 0108, 0109): a PDF, PNG or JPEG, told by
its first bytes (its "magic"), never by its name or the content type the browser sent.
Pure: the staff form reads the head of the upload and asks here.

Attachments of a revision or a project (ADR 0118) are told the same way, with three more
formats: XLSX and DOCX (a ZIP whose directory holds ``[Content_Types].xml`` and ``xl/`` or
``word/`` parts, no macros) and CSV (UTF-8 or Shift_JIS text that is neither markup nor
an executable). A PDF is only ever judged by its header, never parsed."""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from filing.i18n import gettext as _

# The longest magic below (PNG's 8 bytes): how much of a file ``evidence_kind`` needs.
HEAD_BYTES = 8


@dataclass(frozen=True, slots=True)
class EvidenceKind:
    label: str  # 「PDF」
    extension: str  # "pdf": the stored file is named by its content
    content_type: str


PDF = EvidenceKind("PDF", "pdf", "application/pdf")
PNG = EvidenceKind("PNG", "png", "image/png")
JPEG = EvidenceKind("JPEG", "jpg", "image/jpeg")

KINDS = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
)


def evidence_kind(head: bytes) -> EvidenceKind | None:
    """The kind of a file that starts with ``head``, or ``None`` (not an evidence format)."""
    return next((kind for magic, kind in KINDS if head.startswith(magic)), None)


def evidence_name(name: str, kind: EvidenceKind) -> str:
    """The name to store an upload under: its stem (without folders) and the extension of
    what it is (a PNG sent as 「表.pdf」 is stored as 「表.png」)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = stem.strip().strip(".") or "evidence"
    return f"{stem[:100]}.{kind.extension}"


# Attachments (ADR 0118).

XLSX = EvidenceKind(
    "XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
DOCX = EvidenceKind(
    "DOCX", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
CSV = EvidenceKind("CSV", "csv", "text/csv")
ATTACHMENT_KINDS = (PDF, PNG, JPEG, XLSX, DOCX, CSV)
ATTACHMENT_LABELS = "PDF・PNG・JPEG・XLSX・DOCX・CSV"

ZIP_MAGIC = b"PK\x03\x04"
EXECUTABLE_MAGICS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
# Text that a browser could take for markup or script, anywhere in the first bytes.
MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|\?xml)\b", re.I
)
# The parts of an Office file that carry macros (VBA projects, the macro-enabled types).
MACRO_PARTS = re.compile(r"(?:^|/)vbaproject\.bin$|(?:^|/)vbadata\.xml$", re.I)
MAX_ZIP_ENTRIES = 10_000
MAX_NAME = 200


class AttachmentRefused(ValueError):
    """An attachment that is not one of ATTACHMENT_KINDS, or whose name cannot be kept."""


def _office_kind(content: bytes) -> EvidenceKind:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise AttachmentRefused(_("壊れた ZIP ファイルです。")) from error
    if len(names) > MAX_ZIP_ENTRIES:
        raise AttachmentRefused(_("中のファイルが多すぎます。"))
    if any(MACRO_PARTS.search(name) for name in names):
        raise AttachmentRefused(_("マクロを含むファイルは添付できません。"))
    if "[Content_Types].xml" not in names:
        raise AttachmentRefused(_("Excel（XLSX）・Word（DOCX）のファイルではありません。"))
    if any(name.startswith("xl/") for name in names):
        return XLSX
    if any(name.startswith("word/") for name in names):
        return DOCX
    raise AttachmentRefused(_("Excel（XLSX）・Word（DOCX）のファイルではありません。"))


def _csv_kind(content: bytes) -> EvidenceKind:
    if b"\x00" in content:
        raise AttachmentRefused(_("形式が分かりません。"))
    for encoding in ("utf-8-sig", "shift_jis", "cp932"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise AttachmentRefused(_("形式が分かりません。"))
    if any(unicodedata.category(c) == "Cc" and c not in "\r\n\t" for c in text):
        raise AttachmentRefused(_("形式が分かりません。"))
    return CSV


def attachment_kind(content: bytes) -> EvidenceKind:
    """The kind of an attachment by its content, or ``AttachmentRefused`` saying why not."""
    if not content:
        raise AttachmentRefused(_("空のファイルです。"))
    if content.startswith(EXECUTABLE_MAGICS):
        raise AttachmentRefused(_("実行ファイルは添付できません。"))
    kind = evidence_kind(content[:HEAD_BYTES])
    if kind is not None:
        return kind  # PDF (its header only), PNG, JPEG
    if content.startswith(ZIP_MAGIC):
        return _office_kind(content)
    if MARKUP.search(content[:4096]):
        raise AttachmentRefused(_("HTML やスクリプトのファイルは添付できません。"))
    return _csv_kind(content)


def clean_attachment_name(name: str) -> str:
    """The original name as shown to people (NFKC, trimmed, at most MAX_NAME characters
    keeping the extension); refused when it has control or format characters or a path
    separator, or is nothing but dots and spaces."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name.strip(". "):
        raise AttachmentRefused(_("ファイル名がありません。"))
    if "/" in name or "\\" in name:
        raise AttachmentRefused(_("ファイル名にフォルダの区切り（/ \\）は使えません。"))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise AttachmentRefused(_("ファイル名に制御文字は使えません。"))
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: MAX_NAME - len(extension) - 1] + "." + extension
        else:
            name = name[:MAX_NAME]
    return name
