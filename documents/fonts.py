"""Build the Japanese font files committed under ``static/fonts/`` (run once; not at run time).

The PDFs embed Noto Sans CJK JP (SIL OFL 1.1). The Debian package ``fonts-noto-cjk``
ships it as two 19–20 MB collections (``.ttc``) holding ten faces each; the portal
commits one Regular and one Bold face cut down to what Japanese documents use, so that
every machine renders the same PDF from the same files and the repository stays small:

- every character of the JP face except Hangul, and
- of the ideographs (漢字), the whole CJK Unified Ideographs block (U+4E00–U+9FFF) plus every
  ideograph that JIS X 0213, Windows-31J (NEC/IBM extensions: 髙, 﨑 …) or EUC-JP can
  encode, plus 𠮷 (U+20BB7), which none of them encodes.

Only the layout features horizontal and vertical Japanese text needs are kept. The
copy is renamed (``…-RegionPortal``) so that a test can tell it from an installed
system font in a PDF; the OFL's only Reserved Font Name for these fonts is "Source".
``python manage.py build_pdf_fonts`` rebuilds the files (docs/documents.md).
"""

from dataclasses import dataclass
from pathlib import Path

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
JP_FACE = 0  # "Noto Sans CJK JP" is the first face of each Debian collection.
LAYOUT_FEATURES = ["ccmp", "liga", "kern", "mark", "mkmk", "palt", "halt", "vert", "vrt2"]
EXTRA_IDEOGRAPHS = frozenset({0x20BB7})  # 𠮷
SUFFIX = "RegionPortal"


@dataclass(frozen=True)
class FontSource:
    weight: str  # "Regular" or "Bold"
    collection: Path

    @property
    def target_name(self) -> str:
        return f"NotoSansCJKjp-{self.weight}-{SUFFIX}.otf"


SOURCES = (
    FontSource("Regular", NOTO_DIR / "NotoSansCJK-Regular.ttc"),
    FontSource("Bold", NOTO_DIR / "NotoSansCJK-Bold.ttc"),
)


def _is_hangul(code: int) -> bool:
    return (
        0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0x3200 <= code <= 0x321E
        or 0x3260 <= code <= 0x327F
        or 0xA960 <= code <= 0xA97F
        or 0xAC00 <= code <= 0xD7FF
        or 0xFFA0 <= code <= 0xFFDC
    )


def _is_ideograph(code: int) -> bool:
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def _japanese_encodable(character: str) -> bool:
    for codec in ("shift_jis_2004", "cp932", "euc_jp"):
        try:
            character.encode(codec)
        except UnicodeEncodeError:
            continue
        return True
    return False


def kept(code: int) -> bool:
    """Whether the committed font keeps the character ``code``."""
    if _is_hangul(code):
        return False
    if _is_ideograph(code):
        return (
            0x4E00 <= code <= 0x9FFF or code in EXTRA_IDEOGRAPHS or _japanese_encodable(chr(code))
        )
    return True


def _rename(font, weight: str) -> None:
    postscript = f"NotoSansCJKjp-{weight}-{SUFFIX}"
    family = f"Noto Sans CJK JP {SUFFIX}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName(
                f"{record.toUnicode()};{SUFFIX}",
                3,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID == 4:
            names.setName(
                f"{family} {weight}", 4, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID == 6:
            names.setName(postscript, 6, record.platformID, record.platEncID, record.langID)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]


def build(source: FontSource, target_dir: Path) -> Path:
    """Cut one weight out of the Debian collection into ``target_dir``; returns the file."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    font = TTCollection(str(source.collection)).fonts[JP_FACE]
    if font["name"].getDebugName(1) != "Noto Sans CJK JP":
        raise ValueError(f"{source.collection} の先頭の書体が Noto Sans CJK JP ではありません。")
    codes = [code for code in font.getBestCmap() if kept(code)]
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    _rename(font, source.weight)
    font.recalcTimestamp = False  # the same source gives the same bytes
    target = target_dir / source.target_name
    font.save(str(target))
    return target
