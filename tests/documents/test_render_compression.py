"""The PDF streams are compressed at zlib's level 6, not pydyf's 9 (ADR 0117), and the page
header's margin boxes have set widths (the same look, no measuring of their contents)."""

import io
import zlib

from pypdf import PdfReader

from documents import render as pdf
from documents.render import DOCUMENT_STYLESHEET, FONT_FAMILY, render_pdf
from tests.documents.helpers import pdftotext

TEXT = "瀬戸内広域リージョンの観光と交通を結ぶ広域連携プロジェクト、令和8年度から12年度まで。"


def page(body: str) -> str:
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>試験</title>'
        f'<style>html {{ font-family: "{FONT_FAMILY}"; }}</style></head><body>{body}</body></html>'
    )


def font_program(data: bytes):
    """The embedded font program's stream (the largest stream of the PDF)."""
    reader = PdfReader(io.BytesIO(data))
    font = reader.pages[0]["/Resources"]["/Font"]
    descendant = next(iter(font.values())).get_object()["/DescendantFonts"][0].get_object()
    descriptor = descendant["/FontDescriptor"].get_object()
    return (descriptor.get("/FontFile3") or descriptor.get("/FontFile2")).get_object()


def test_every_stream_is_compressed_at_level_6():
    data = render_pdf(page("".join(f"<p>{TEXT}{n}</p>" for n in range(40))))

    stream = font_program(data)
    raw, plain = stream._data, stream.get_data()

    assert stream["/Filter"] == "/FlateDecode"
    assert zlib.compress(plain, 9) != zlib.compress(plain, 6), "the two levels differ here"
    assert raw == zlib.compress(plain, 6)
    assert pdf.PDF_COMPRESSION_LEVEL == 6


def test_the_compression_level_is_read_when_each_stream_is_written(monkeypatch):
    body = "".join(f"<p>{TEXT}{n}</p>" for n in range(40))
    render_pdf(page(body))  # the lighter compression is installed with the fonts
    monkeypatch.setattr(pdf, "PDF_COMPRESSION_LEVEL", 9)

    stream = font_program(render_pdf(page(body)))

    assert stream._data == zlib.compress(stream.get_data(), 9)


def test_a_long_running_title_and_the_revision_share_the_header_line():
    """The header boxes have set widths (@top-right 36 mm, the title the rest): a title of 40
    characters still fits on one line beside 「第12版　下書き」."""
    title = "長い名前の広域リージョン" * 3 + "連携ビジョン"  # 42 characters
    assert len(title) == 42
    html = page(
        f'<div class="running-title">{title}</div>'
        '<div class="running-revision">第12版　下書き</div><p>本文</p>'
    )

    lines = pdftotext(render_pdf(html, stylesheet=DOCUMENT_STYLESHEET)).splitlines()

    assert any(title in line for line in lines), "the title is not broken over two lines"
    assert any("第12版" in line and "下書き" in line for line in lines)
