"""The overview's map: the vendored SVG map of Japan with each prefecture classed by coverage.

Uses ``static/vendor/svg-maps-japan/`` (the npm package ``@svg-maps/japan``, CC BY 4.0,
vendored by the public pages) when it is there; without it the overview shows the table
only (the table is the accessible form of the same facts and is always shown). The SVG
is rebuilt with ElementTree: a class per prefecture (styled by review-admin.css: no inline
style, CSP-safe) and a ``<title>`` naming the prefecture and its regions.
"""

import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

SVG_NS = "http://www.w3.org/2000/svg"


def map_file() -> Path | None:
    for directory in settings.STATICFILES_DIRS:
        folder = Path(directory) / "vendor" / "svg-maps-japan"
        if folder.is_dir():
            candidates = sorted(folder.rglob("*.svg"))
            if candidates:
                return candidates[0]
    return None


@lru_cache(maxsize=4)
def _template(path: str, mtime: float) -> bytes:
    return Path(path).read_bytes()


def coverage_map(coverage) -> str | None:
    """The SVG markup (safe to place in the page), or ``None`` when no map is vendored."""
    path = map_file()
    if path is None:
        return None
    ET.register_namespace("", SVG_NS)
    try:
        root = ET.fromstring(_template(str(path), path.stat().st_mtime))
    except ET.ParseError:
        return None
    by_id = {row.prefecture.name_en.lower(): row for row in coverage}
    root.set("role", "img")
    root.set("aria-labelledby", "coverage-map-title")
    root.set("class", "coverage-map__svg")
    for attribute in ("width", "height", "style", "aria-label"):
        root.attrib.pop(attribute, None)
    title = ET.Element(f"{{{SVG_NS}}}title", {"id": "coverage-map-title"})
    title.text = _("都道府県ごとの宣言リージョンの地図（同じ内容を下の表に示します）")
    root.insert(0, title)
    for element in root.iter():
        element.attrib.pop("style", None)
        element.attrib.pop("aria-label", None)  # English names; each shape gets a Japanese <title>
        row = by_id.get((element.get("id") or "").lower())
        if row is None:
            continue
        state = "published" if row.published else "review" if row.under_review else "none"
        element.set("class", f"coverage-map__prefecture coverage-map__prefecture--{state}")
        label = ET.SubElement(element, f"{{{SVG_NS}}}title")
        regions = "、".join(row.published) or _("なし")
        label.text = f"{row.prefecture.name}: {regions}"
    return mark_safe(ET.tostring(root, encoding="unicode"))
