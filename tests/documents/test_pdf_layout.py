"""How the documents are laid out over pages and what each item is labelled (issue 13),
read back from the PDF page by page (pypdf) and as text (pdftotext). No database."""

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from documents.cover_pdf import CoverDetails, Enclosure, cover_pdf
from documents.declaration_pdf import declaration_pdf
from documents.render import DocumentMeta
from documents.vision_pdf import vision_pdf
from filing.bundle import read_bundle_file
from filing.master import master_data_from_files
from tests.documents.helpers import BUNDLES_DIR, flat_text
from tests.filing_factories import with_declaration, with_vision

MASTER = master_data_from_files()
META = DocumentMeta(number=1, dated=date(2026, 4, 1))


@pytest.fixture(scope="module")
def filing():
    return read_bundle_file(BUNDLES_DIR / "valid_region.json")


def page_texts(data: bytes) -> list[str]:
    """Each page's text without white space (a name wrapped over two lines still matches)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def marked_projects(filing, count: int, *, sentences: int):
    """``count`` projects, each of whose texts repeats its own marker 〔事業NN〕 in every
    sentence, so any page that holds a piece of a project's table shows which one it is."""
    base = filing.vision.projects[0]
    projects = []
    for number in range(1, count + 1):
        marker = f"〔事業{number:02d}〕"
        text = f"{marker}の取組として、構成団体が役割を分担して広域で実施する。" * sentences
        projects.append(
            replace(
                base, name=f"広域連携事業{number:02d}号", content=text, effects=text, other=text
            )
        )
    return with_vision(filing, projects=tuple(projects))


@pytest.fixture(scope="module")
def long_projects(filing):
    """Projects longer than a page: their tables must break."""
    return page_texts(vision_pdf(marked_projects(filing, 4, sentences=40), meta=META))


def test_every_page_with_a_piece_of_a_projects_table_names_that_project(long_projects):
    pieces = 0
    for page_number, text in enumerate(long_projects, start=1):
        for number in range(1, 5):
            if f"〔事業{number:02d}〕" in text:
                pieces += 1
                assert f"広域連携事業{number:02d}号" in text, (page_number, number)
    assert pieces > 4  # the tables did break across pages


def test_a_project_that_fits_on_a_page_is_kept_on_one_page(filing):
    texts = page_texts(vision_pdf(marked_projects(filing, 8, sentences=6), meta=META))

    for number in range(1, 9):
        pages = [i for i, text in enumerate(texts, 1) if f"〔事業{number:02d}〕" in text]
        assert len(pages) == 1, (number, pages)


def test_each_project_starts_a_page_of_its_own_and_the_first_one_under_the_heading(filing):
    """Short projects too (two would fit on one page): one project per sheet (ADR 0130)."""
    texts = page_texts(vision_pdf(marked_projects(filing, 4, sentences=1), meta=META))

    starts = [i for i, text in enumerate(texts) if "ア名称" in text]
    assert len(starts) == 4
    for page, number in zip(starts, range(1, 5), strict=True):
        assert f"〔事業{number:02d}〕" in texts[page]
        assert all(
            f"〔事業{other:02d}〕" not in texts[page] for other in range(1, 5) if other != number
        )
    assert "③宣言リージョンの下で実施するプロジェクトの具体的内容" in texts[starts[0]]
    assert "③宣言リージョンの下で実施するプロジェクトの具体的内容" not in texts[starts[0] - 1]


def test_the_area_note_has_its_own_label(filing):
    noted = with_declaration(filing, area_note="島しょ部を含む瀬戸内海の沿岸地域")
    text = flat_text(declaration_pdf(noted, master=MASTER, meta=META))

    assert "区域の補足島しょ部を含む瀬戸内海の沿岸地域" in text


def test_the_representative_member_is_named_in_the_declaration(filing):
    chosen = with_declaration(filing, representative="hiroshima")
    text = flat_text(declaration_pdf(chosen, master=MASTER, meta=META))
    plain = flat_text(declaration_pdf(filing, master=MASTER, meta=META))

    assert "代表団体広島県" in text
    assert "代表団体" not in plain


def enclosure() -> Enclosure:
    return Enclosure(
        title="瀬戸内広域リージョン　連携宣言書",
        number=1,
        kind_label="策定",
        pages=2,
        size=123_456,
        sha256="ab" * 32,
    )


def test_the_cover_letter_carries_its_document_number_and_the_regions_contact(filing):
    details = CoverDetails(
        document_number="瀬戸内広域第12号",
        department="岡山県総合政策局政策推進課",
        person="備前太郎",
        phone="086-000-0000",
        email="renkei@example.jp",
    )
    data = cover_pdf(
        filing,
        document="declaration",
        info=filing.declaration.revision,
        meta=META,
        enclosures=[enclosure()],
        details=details,
    )
    text = flat_text(data)

    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert "瀬戸内広域第12号" in text
    assert text.index("瀬戸内広域第12号") < text.index("令和8年4月1日")
    for expected in (
        "担当部署・連絡先",
        "岡山県総合政策局政策推進課",
        "担当者備前太郎",
        "電話086-000-0000",
        "電子メールrenkei@example.jp",
    ):
        assert expected in text, expected


def test_a_cover_letter_without_a_number_or_contact_leaves_them_out(filing):
    text = flat_text(
        cover_pdf(
            filing,
            document="declaration",
            info=filing.declaration.revision,
            meta=META,
            enclosures=[enclosure()],
        )
    )

    assert "担当部署・連絡先" not in text
    assert "号" not in text.split("令和8年4月1日")[0]
