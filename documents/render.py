"""The one adapter to WeasyPrint (STYLE.md §10): HTML in, PDF bytes out.

Every document of the portal (連携宣言書, 連携ビジョン, 送付書) is a Django template
rendered to HTML and handed to ``render_pdf``. The adapter

- embeds the committed Japanese font (``static/fonts/``, Noto Sans CJK JP, SIL OFL) through
  ``@font-face`` from a ``file://`` URL, so that every machine draws the same glyphs;
- fetches nothing else: no network, no other local file (``PortalUrlFetcher``);
- writes a tagged PDF (``/Lang ja``) with fixed dates and a fixed identifier when asked,
  so that the same input gives the same bytes;
- parses the print stylesheet (``documents/pdf/document.css``) once per thread and hands the
  parsed ``weasyprint.CSS`` to every render, instead of a ``<style>`` in each document;
- pauses Python's garbage collector while WeasyPrint works and collects once after
  (``collection_paused``, ADR 0113);
- compresses the PDF's streams at zlib level 6 instead of pydyf's 9 (``PDF_COMPRESSION_LEVEL``,
  ADR 0117);
- turns any failure into ``PdfError`` (the callers never see WeasyPrint's exceptions).
"""

import atexit
import gc
import hashlib
import logging
import threading
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.conf import settings

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
# The CSS family name the templates use (font-family on html, not body: the page-margin
# boxes with the page numbers inherit from html).
FONT_FAMILY = "Portal Sans JP"
FONT_FILES = {
    400: FONT_DIR / "NotoSansCJKjp-Regular-RegionPortal.otf",
    700: FONT_DIR / "NotoSansCJKjp-Bold-RegionPortal.otf",
}

# zlib level of every stream of the PDF (pydyf asks for 9). Level 6 (zlib's default) costs
# 4–5 % less CPU on a 60-project vision for 2 % more bytes (ADR 0117). Read at each stream.
PDF_COMPRESSION_LEVEL = 6

# The print stylesheet of the portal's documents (a template, so that it sits beside them).
DOCUMENT_STYLESHEET = "documents/pdf/document.css"

logger = logging.getLogger(__name__)


class PdfError(Exception):
    """The PDF could not be made (missing font, broken template output, WeasyPrint failure)."""


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a document prints besides the filing itself.

    ``number`` is the revision (版); ``dated`` the day printed on it (令和); ``created``
    the PDF's own date (the submission time, so a re-render gives the same bytes);
    ``identifier`` the PDF file identifier; ``draft`` marks a preview (「下書き」).
    """

    number: int
    dated: date | None = None
    created: datetime | None = None
    identifier: str = ""
    draft: bool = False
    region_slug: str = ""


@cache
def font_face_css() -> str:
    """The ``@font-face`` rules of the committed fonts (absolute ``file://`` URLs)."""
    rules = []
    for weight, path in FONT_FILES.items():
        rules.append(
            "@font-face { "
            f'font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: normal; '
            f'src: url("{path.as_uri()}") format("opentype"); }}'
        )
    return "\n".join(rules)


def _allowed_file(url: str) -> Path | None:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = Path(unquote(parts.path)).resolve()
    if path.parent != FONT_DIR.resolve() or path not in {p.resolve() for p in FONT_FILES.values()}:
        return None
    return path


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    class PortalUrlFetcher(URLFetcher):
        """Only the committed font files may be read; anything else is refused (logged)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if _allowed_file(url) is None:
                raise ValueError(f"PDF の生成で読み込めない URL です: {url[:200]}")
            return super().fetch(url.split("?")[0], headers)

    return PortalUrlFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


_local = threading.local()


@atexit.register
def _release_tools() -> None:
    # Drop the main thread's font configuration (and its temporary font folder) while the
    # interpreter is still whole; at teardown WeasyPrint's __del__ would fail noisily.
    _local.tools = None
    _local.stylesheets = None


def _tools():
    """The font configuration with the committed fonts loaded, the URL fetcher and the
    ``@font-face`` stylesheet: made once per thread and kept, because loading the two fonts
    (13 MB) and building the fetcher cost about 0.4 s, more than a short document."""
    tools = getattr(_local, "tools", None)
    if tools is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        _share_page_references()
        _lighter_compression()
        font_config = FontConfiguration()
        fetcher = _url_fetcher()
        fonts = CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher)
        tools = _local.tools = (font_config, fetcher, fonts)
    return tools


def _stylesheet(name: str):
    """The parsed ``weasyprint.CSS`` of the stylesheet template ``name``, kept per thread.

    Parsing ``document.css`` costs about 30 ms, as much as half a cover letter. The template is
    read again on every call (cheap) and the parsed sheet kept under the hash of its text, so
    that an edited stylesheet is used at once (development) and nothing stale survives."""
    from django.template.loader import render_to_string
    from weasyprint import CSS

    text = render_to_string(name)
    key = (name, hashlib.sha256(text.encode()).digest())
    sheets = getattr(_local, "stylesheets", None)
    if sheets is None:
        sheets = _local.stylesheets = {}
    sheet = sheets.get(key)
    if sheet is None:
        font_config, fetcher, _fonts = _tools()
        for stale in [k for k in sheets if k[0] == name]:
            del sheets[stale]
        sheet = sheets[key] = CSS(
            string=text, base_url=str(FONT_DIR), font_config=font_config, url_fetcher=fetcher
        )
    return sheet


def _share_page_references() -> None:
    """Make pydyf's ``PDF.page_references`` build its tuple once per page count.

    WeasyPrint's tagged-PDF writer (``weasyprint.pdf.tags``) reads ``pdf.page_references[n]``
    for every marked-content item, and pydyf rebuilds the tuple of all the page references on
    each read: with 81 pages and about 10,000 items that is 860,000 strings, 5 % of a
    60-project vision. The replacement returns the same tuple (the same bytes in the PDF) and
    builds it again only when a page was added. Installed once, only if pydyf still has the
    property (a later pydyf without it is left alone)."""
    import pydyf

    current = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(current, property) or getattr(current.fget, "portal_shared", False):
        return

    def page_references(self):
        kids = self.pages["Kids"]
        cached = self.__dict__.get("_portal_page_references")
        if cached is None or cached[0] != len(kids):
            cached = (len(kids), current.fget(self))
            self.__dict__["_portal_page_references"] = cached
        return cached[1]

    page_references.portal_shared = True
    page_references.original = current.fget
    pydyf.PDF.page_references = property(page_references)


class _PortalZlib:
    """``zlib`` as pydyf sees it: the module itself, except that ``compressobj`` (with which
    pydyf compresses every stream, at level 9) uses ``PDF_COMPRESSION_LEVEL``."""

    portal_level = True

    def __getattr__(self, name):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level=-1, *args, **kwargs):
        return zlib.compressobj(PDF_COMPRESSION_LEVEL, *args, **kwargs)


def _lighter_compression() -> None:
    """Give pydyf ``_PortalZlib`` for its module ``zlib`` (once, with the fonts).

    pydyf 0.13 writes each stream with ``zlib.compressobj(level=9)``: for the 60-project vision
    that is 0.4 s of a 9 s render; level 6 gives the same pages, 2 % more bytes (923 → 941 kB)
    and is still byte-for-byte deterministic. A later pydyf that no longer imports ``zlib`` as a
    module is left alone (its own level then applies)."""
    import pydyf

    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _PortalZlib()


_gc_lock = threading.Lock()
_gc_state = {"renders": 0, "was_enabled": False}


@contextmanager
def collection_paused():
    """No automatic garbage collection inside; one full collection when the last render of
    the process leaves.

    WeasyPrint makes hundreds of thousands of short-lived objects with reference cycles, so
    the collector ran about 15–20 % of a large render (three or four collections of every
    generation, each walking all the objects of the process). Paused, the cyclic garbage of
    one render waits until its end and is freed by one collection then: the peak memory of a
    60-project vision rose by about 7 MiB (ADR 0113). Existing objects are frozen first
    (``gc.freeze``), so that this collection walks only what the render made. Process-wide
    (the collector is): with two threads rendering at once, the collector comes back after
    the last one; a collector the caller had disabled stays disabled."""
    with _gc_lock:
        if _gc_state["renders"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
            gc.freeze()
        _gc_state["renders"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["renders"] -= 1
            if _gc_state["renders"] == 0:
                gc.collect()
                gc.unfreeze()
                if _gc_state["was_enabled"]:
                    gc.enable()


def _pdf_date(moment: datetime) -> str:
    """W3C date-time in the portal's time zone, as WeasyPrint's metadata expects (second
    precision, with offset)."""
    from django.utils import timezone

    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(microsecond=0).isoformat()


def render_pdf(
    html: str,
    *,
    created: datetime | None = None,
    identifier: str = "",
    stylesheet: str | None = None,
) -> bytes:
    """The PDF of ``html`` (a whole document from a template) as bytes.

    ``created`` (aware) becomes the PDF's creation and modification date and
    ``identifier`` its file identifier; with both given, rendering the same HTML again
    gives byte-identical output. ``stylesheet`` names a stylesheet template
    (``DOCUMENT_STYLESHEET`` for the portal's documents) applied after the document's own
    styles, parsed once per thread. Raises ``PdfError``.
    """
    missing = [str(path) for path in FONT_FILES.values() if not path.is_file()]
    if missing:
        raise PdfError(
            "PDF 用の日本語フォントがありません: "
            + "、".join(missing)
            + "（manage.py build_pdf_fonts で作れます。docs/documents.md）"
        )
    try:
        with collection_paused():
            return _render(html, created=created, identifier=identifier, stylesheet=stylesheet)
    except PdfError:
        raise
    except Exception as error:
        logger.exception("PDF の生成に失敗しました")
        raise PdfError(f"PDF を作れませんでした: {error}") from error


def _render(html: str, *, created, identifier: str, stylesheet: str | None) -> bytes:
    from weasyprint import HTML

    font_config, fetcher, fonts = _tools()
    sheets = [fonts] if stylesheet is None else [fonts, _stylesheet(stylesheet)]
    document = HTML(string=html, base_url=str(FONT_DIR), url_fetcher=fetcher).render(
        stylesheets=sheets, font_config=font_config
    )
    if created is not None:
        document.metadata.created = document.metadata.modified = _pdf_date(created)
    return document.write_pdf(
        pdf_tags=True,
        pdf_identifier=identifier.encode() if identifier else False,
    )
