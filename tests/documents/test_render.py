"""The WeasyPrint adapter: committed Japanese font embedded and subset, tagged, deterministic,
nothing fetched but the fonts, and its own error."""

import io
import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from documents import render as pdf
from documents.render import DOCUMENT_STYLESHEET, FONT_FAMILY, PdfError, render_pdf
from tests.documents.helpers import embedded_fonts, flat_text, page_count, pdftotext

TOKYO = ZoneInfo("Asia/Tokyo")


def page(body: str, head: str = "") -> str:
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>試験</title>'
        f'<style>html {{ font-family: "{FONT_FAMILY}"; }} {head}</style></head>'
        f"<body>{body}</body></html>"
    )


HARD_GLYPHS = "𠮷野家の髙橋さんと山﨑さん①㈱、令和8年4月1日、1,234,567円"


def test_japanese_text_including_rare_glyphs_is_drawn_and_extracted():
    data = render_pdf(page(f"<h1>瀬戸内広域リージョン</h1><p>{HARD_GLYPHS}</p>"))

    assert data.startswith(b"%PDF-")
    text = flat_text(data)
    assert "瀬戸内広域リージョン" in text
    assert HARD_GLYPHS in text


def test_the_committed_japanese_font_is_embedded_as_a_subset_and_nothing_else():
    data = render_pdf(page("<p>本文の文字</p><p><strong>太字の見出し</strong></p>"))

    fonts = embedded_fonts(data)

    assert {font["postscript_name"] for font in fonts} == {
        "NotoSansCJKjp-Regular-RegionPortal",
        "NotoSansCJKjp-Bold-RegionPortal",
    }
    for font in fonts:
        assert font["embedded"]
        prefix, _, name = font["base_font"].lstrip("/").partition("+")
        assert len(prefix) == 6 and prefix.isupper(), "a subset carries a six-letter tag"
        assert name.startswith("Portal-Sans-JP")
        assert ord("本") in font["cmap"] or ord("太") in font["cmap"]
        assert len(font["cmap"]) < 100, "only the glyphs used are embedded"


def test_page_numbers_in_the_margin_use_the_same_font():
    head = "@page { @bottom-center { content: counter(page) ' / ' counter(pages); } }"
    data = render_pdf(page("<p>一</p><p style='break-before: page'>二</p>", head))

    assert page_count(data) == 2
    assert "1/2" in flat_text(data)
    assert {f["postscript_name"] for f in embedded_fonts(data)} == {
        "NotoSansCJKjp-Regular-RegionPortal"
    }


def test_the_pdf_is_tagged_in_japanese():
    catalog = PdfReader(io.BytesIO(render_pdf(page("<p>タグ付き</p>")))).trailer["/Root"]

    assert catalog["/Lang"] == "ja"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


def test_the_same_html_with_a_date_and_identifier_gives_the_same_bytes():
    moment = datetime(2026, 4, 1, 10, 30, 15, 999, tzinfo=TOKYO)
    first = render_pdf(page("<p>同じ内容</p>"), created=moment, identifier="setouchi/1")
    second = render_pdf(page("<p>同じ内容</p>"), created=moment, identifier="setouchi/1")

    assert first == second
    info = PdfReader(io.BytesIO(first)).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20260401103015+09'00"


def test_other_files_and_the_network_are_never_fetched(caplog):
    html = page(
        '<img src="file:///etc/passwd" alt=""><img src="http://example.com/x.png" alt="">'
        '<link rel="stylesheet" href="file:///etc/hosts"><p>本文</p>'
    )

    data = render_pdf(html)

    assert "本文" in flat_text(data)
    assert "読み込めない URL" in caplog.text
    assert "root:" not in pdftotext(data)


def test_a_missing_font_file_is_reported_as_a_pdf_error(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_FILES", {400: tmp_path / "missing.otf"})

    with pytest.raises(PdfError, match="日本語フォントがありません"):
        render_pdf(page("<p>本文</p>"))


def test_a_weasyprint_failure_becomes_a_pdf_error(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr("weasyprint.HTML.render", broken)

    with pytest.raises(PdfError, match="layout exploded"):
        render_pdf(page("<p>本文</p>"))


def test_the_pdf_date_is_written_in_japan_time():
    moment = datetime(2026, 4, 1, 1, 30, tzinfo=UTC)  # as the database returns it

    info = PdfReader(io.BytesIO(render_pdf(page("<p>日時</p>"), created=moment))).metadata

    assert info["/CreationDate"] == "D:20260401103000+09'00"


def test_the_print_stylesheet_given_by_name_styles_the_document():
    body = "<p>一</p><p style='break-before: page'>二</p>"

    plain = flat_text(render_pdf(page(body)))
    styled = flat_text(render_pdf(page(body), stylesheet=DOCUMENT_STYLESHEET))

    assert "1/2" not in plain
    assert "1/2" in styled and "2/2" in styled  # document.css: @bottom-center page numbers


def test_the_print_stylesheet_is_parsed_once_per_thread():
    first = pdf._stylesheet(DOCUMENT_STYLESHEET)
    other = []
    worker = threading.Thread(target=lambda: other.append(pdf._stylesheet(DOCUMENT_STYLESHEET)))
    worker.start()
    worker.join()

    assert pdf._stylesheet(DOCUMENT_STYLESHEET) is first
    assert other and other[0] is not first  # WeasyPrint objects are not shared across threads


def test_every_tag_points_at_its_own_page_with_the_shared_page_references():
    import pydyf

    data = render_pdf(
        page("<p>一</p><p style='break-before: page'>二</p><h2 style='break-before: page'>三</h2>")
    )
    reader = PdfReader(io.BytesIO(data))
    pages = {p.indirect_reference.idnum: number for number, p in enumerate(reader.pages)}
    texts = {}

    def walk(node):
        node = node.get_object()
        kids = node.get("/K")
        if "/Pg" in node and isinstance(kids, int | list):
            texts.setdefault(pages[node.raw_get("/Pg").idnum], []).append(node["/S"])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])

    assert set(texts) == {0, 1, 2}  # each page's text is tagged on that page
    assert "/H2" in texts[2] and "/H2" not in texts[0]
    shared = pydyf.PDF.page_references.fget
    assert shared.portal_shared
    document = pydyf.PDF()
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert document.page_references == shared.original(document)
