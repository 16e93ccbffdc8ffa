"""Reading the portal's PDFs in tests: their text (pdftotext), pages and embedded fonts."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

BUNDLES_DIR = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "bundles"


def pdftotext(data: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it, in the order it is drawn (``-raw``)."""
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "pdftotext が見つかりません。poppler-utils（scripts/debian-packages.txt）を入れてください。",
            pytrace=False,
        )
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def flat_text(data: bytes) -> str:
    """The text without any white space, so that a name wrapped over two lines still matches."""
    return "".join(pdftotext(data).split())


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def embedded_fonts(data: bytes) -> list[dict]:
    """Every font of every page: its PDF name, whether its program is embedded, and the
    PostScript and family names inside the embedded program."""
    from fontTools.ttLib import TTFont

    fonts = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            base = str(font["/BaseFont"])
            if base in fonts:
                continue
            info = {"base_font": base, "subtype": str(font["/Subtype"]), "embedded": False}
            descendants = font.get("/DescendantFonts")
            if descendants:
                descriptor = descendants[0].get_object()["/FontDescriptor"].get_object()
                program = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
                if program is not None:
                    program = TTFont(io.BytesIO(program.get_object().get_data()))
                    info.update(
                        embedded=True,
                        postscript_name=program["name"].getDebugName(6),
                        family=program["name"].getDebugName(1),
                        cmap=set(program.getBestCmap() or {}),
                    )
            fonts[base] = info
    return list(fonts.values())


def _meta():
    from datetime import date

    from documents.render import DocumentMeta

    return DocumentMeta(number=1, dated=date(2026, 4, 1))


# The document facts of the PDF tests of the test region's vision: 第1版, 令和8年4月1日.
META = _meta()
