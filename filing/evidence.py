"""The evidence file of a yearly result (実績, ADR 0108, 0109): a PDF, PNG or JPEG, told by
its first bytes (its "magic"), never by its name or the content type the browser sent.
Pure: the staff form reads the head of the upload and asks here."""

from dataclasses import dataclass

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
