"""filing.evidence: result evidence (PDF/PNG/JPEG) and attachments, told by content."""

import io
import zipfile

import pytest

from filing.evidence import (
    ATTACHMENT_KINDS,
    JPEG,
    PDF,
    PNG,
    AttachmentRefused,
    attachment_kind,
    clean_attachment_name,
    evidence_kind,
    evidence_name,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 20
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def office(top: str, *, macro: bool = False, types: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{top}/document.xml", "<x/>")
        if macro:
            archive.writestr(f"{top}/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


# The result evidence keeps its behaviour.


def test_evidence_kind_by_magic():
    assert evidence_kind(PDF_BYTES[:8]) is PDF
    assert evidence_kind(PNG_BYTES[:8]) is PNG
    assert evidence_kind(JPEG_BYTES[:8]) is JPEG
    assert evidence_kind(b"MZ\x90\x00") is None


def test_evidence_name_uses_the_content_extension():
    assert evidence_name("dir/表.pdf", PNG) == "表.png"


# Attachments.


@pytest.mark.parametrize(
    ("content", "label", "media_type"),
    [
        (PDF_BYTES, "PDF", "application/pdf"),
        (PNG_BYTES, "PNG", "image/png"),
        (JPEG_BYTES, "JPEG", "image/jpeg"),
        (
            office("xl"),
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            office("word"),
            "DOCX",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("年度,金額\n令和7年度,100\n".encode(), "CSV", "text/csv"),
        ("年度,金額\n令和7年度,100\n".encode("shift_jis"), "CSV", "text/csv"),
    ],
)
def test_each_allowed_type_is_accepted(content, label, media_type):
    kind = attachment_kind(content)
    assert kind.label == label
    assert kind.content_type == media_type
    assert kind in ATTACHMENT_KINDS


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60, "renamed .exe"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 20, "ELF"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML called .pdf"),
        (b"  <html><body>x</body></html>", "HTML with spaces"),
        (b"name,value\n<script>alert(1)</script>\n", "script in CSV"),
        (b"a,b\n\x00\x01\x02", "binary with NUL"),
        (b"\xff\xfe\x00a", "UTF-16 / binary"),
        (office("word", macro=True), "macro DOCX"),
        (office("xl", macro=True), "macro XLSX"),
        (office("word", types=False), "ZIP without content types"),
        (office("ppt"), "PPTX is not allowed"),
        (b"PK\x03\x04broken zip", "broken ZIP"),
        (b"GIF89a" + b"\x00" * 10, "GIF"),
    ],
)
def test_forbidden_content_is_refused(content, why):
    with pytest.raises(AttachmentRefused):
        attachment_kind(content)


def test_empty_file_is_refused():
    with pytest.raises(AttachmentRefused, match="空"):
        attachment_kind(b"")


def test_pdf_is_never_parsed_beyond_its_header():
    # A PDF body that any parser would choke on is still a PDF by its header.
    assert attachment_kind(b"%PDF-1.4\n" + b"\xff" * 100).label == "PDF"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("議事録.pdf", "議事録.pdf"),
        ("  協議の記録 令和7年.docx  ", "協議の記録 令和7年.docx"),
        ("ｶﾞｲﾄﾞ.pdf", "ガイド.pdf"),
    ],
)
def test_clean_name_keeps_a_readable_name(name, expected):
    assert clean_attachment_name(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "a/b.pdf",
        "..\\evil.pdf",
        "bad\x00.pdf",
        "line\nbreak.pdf",
        "tab\t.pdf",
        "",
        "  ",
        "..",
        "\u202egpj.exe",
    ],
)
def test_names_with_control_characters_or_separators_are_refused(name):
    with pytest.raises(AttachmentRefused):
        clean_attachment_name(name)


def test_very_long_name_is_shortened_keeping_the_extension():
    cleaned = clean_attachment_name("あ" * 300 + ".pdf")
    assert cleaned.endswith(".pdf")
    assert len(cleaned) <= 200
