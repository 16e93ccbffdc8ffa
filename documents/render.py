"""The one adapter to WeasyPrint (STYLE.md §10): HTML in, PDF bytes out.

Every document of the portal (連携宣言書, 連携ビジョン, 送付書) is a Django template
rendered to HTML and handed to ``render_pdf``. The adapter

- embeds the committed Japanese font (``static/fonts/``, Noto Sans CJK JP, SIL OFL) through
  ``@font-face`` from a ``file://`` URL, so that every machine draws the same glyphs;
- fetches nothing else: no network, no other local file (``PortalUrlFetcher``);
- writes a tagged PDF (``/Lang ja``) with fixed dates and a fixed identifier when asked,
  so that the same input gives the same bytes;
- turns any failure into ``PdfError`` (the callers never see WeasyPrint's exceptions).
"""

import atexit
import logging
import threading
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


def _tools():
    """The font configuration with the committed fonts loaded, the URL fetcher and the
    ``@font-face`` stylesheet: made once per thread and kept, because loading the two fonts
    (13 MB) and building the fetcher cost about 0.4 s, more than a short document."""
    tools = getattr(_local, "tools", None)
    if tools is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        fetcher = _url_fetcher()
        fonts = CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher)
        tools = _local.tools = (font_config, fetcher, fonts)
    return tools


def _pdf_date(moment: datetime) -> str:
    """W3C date-time in the portal's time zone, as WeasyPrint's metadata expects (second
    precision, with offset)."""
    from django.utils import timezone

    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(microsecond=0).isoformat()


def render_pdf(html: str, *, created: datetime | None = None, identifier: str = "") -> bytes:
    """The PDF of ``html`` (a whole document from a template) as bytes.

    ``created`` (aware) becomes the PDF's creation and modification date and
    ``identifier`` its file identifier; with both given, rendering the same HTML again
    gives byte-identical output. Raises ``PdfError``.
    """
    missing = [str(path) for path in FONT_FILES.values() if not path.is_file()]
    if missing:
        raise PdfError(
            "PDF 用の日本語フォントがありません: "
            + "、".join(missing)
            + "（manage.py build_pdf_fonts で作れます。docs/documents.md）"
        )
    try:
        from weasyprint import HTML

        font_config, fetcher, fonts = _tools()
        document = HTML(string=html, base_url=str(FONT_DIR), url_fetcher=fetcher).render(
            stylesheets=[fonts], font_config=font_config
        )
        if created is not None:
            document.metadata.created = document.metadata.modified = _pdf_date(created)
        return document.write_pdf(
            pdf_tags=True,
            pdf_identifier=identifier.encode() if identifier else False,
        )
    except PdfError:
        raise
    except Exception as error:
        logger.exception("PDF の生成に失敗しました")
        raise PdfError(f"PDF を作れませんでした: {error}") from error
