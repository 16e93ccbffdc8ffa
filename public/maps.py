"""A map of Japan's prefectures as inline SVG, shaded on the server.

The shapes come from the vendored npm package ``@svg-maps/japan`` 2.0.0 (CC BY 4.0,
``static/vendor/svg-maps-japan/``): one ``<path id="hokkaido">`` per prefecture, the id
being the prefecture's English name in lower case (``Prefecture.name_en``). The file is
read once per process; each map is written out with a CSS class per prefecture (the
CSP forbids inline styles, so colours live in ``static/css/public.css``) and a
``<title>`` with its Japanese name. The map is an image (``role="img"``) described by its
``<title>`` and ``<desc>``; every page that shows it also shows the same facts as a table.
"""

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

MAP_FILE = Path(settings.BASE_DIR) / "static" / "vendor" / "svg-maps-japan" / "japan.svg"
_VIEWBOX_RE = re.compile(r'viewBox="([0-9. ]+)"')
_PATH_RE = re.compile(
    r'<path\s+id="(?P<id>[a-z-]+)"\s+aria-label="[^"]*"\s+d="(?P<d>[^"]+)"\s*/>', re.DOTALL
)
MAX_LEVEL = 3


@cache
def shapes() -> tuple[str, dict[str, str]]:
    """(viewBox, {map id: path data}) of the vendored map."""
    text = MAP_FILE.read_text(encoding="utf-8")
    viewbox = _VIEWBOX_RE.search(text).group(1)
    paths = {match["id"]: " ".join(match["d"].split()) for match in _PATH_RE.finditer(text)}
    return viewbox, paths


def japan_map(
    prefectures: Iterable,
    levels: Mapping[str, int],
    *,
    title: str,
    description: str,
    id_prefix: str = "map",
) -> SafeString:
    """The map as SVG markup.

    ``prefectures``: every prefecture (objects with ``code``, ``name`` and ``map_id``);
    ``levels``: JIS code → shade (0 = not covered, 1 … 3 = covered, darker for more;
    anything above 3 is drawn as 3).
    """
    viewbox, paths = shapes()
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}" class="japan-map" role="img" '
            'aria-labelledby="{}-title {}-desc" focusable="false">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            viewbox,
            id_prefix,
            id_prefix,
            id_prefix,
            title,
            id_prefix,
            description,
        )
    ]
    for prefecture in prefectures:
        data = paths.get(prefecture.map_id)
        if data is None:
            continue
        level = max(0, min(MAX_LEVEL, int(levels.get(prefecture.code, 0))))
        parts.append(
            format_html(
                '<path class="japan-map__prefecture japan-map__prefecture--level-{}" '
                'data-prefecture="{}" d="{}"><title>{}</title></path>',
                level,
                prefecture.code,
                data,
                prefecture.name,
            )
        )
    parts.append("</svg>")
    # Every part was escaped by format_html.
    return mark_safe("".join(str(part) for part in parts))
