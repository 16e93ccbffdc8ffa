"""Charts drawn on the server as inline SVG (no script, no style attribute: CSP).

Each chart is an image (``role="img"``) with a ``<title>`` and a ``<desc>``; every bar
and milestone also carries its own ``<title>`` (shown on hover). Colours and type come
from CSS classes in ``static/css/public.css``. The pages that show a chart also show
its data as a table, which is what screen readers and keyboards use.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from filing.formatting import fiscal_year, fiscal_year_start, nendo, short_yen, wareki, yen


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 × 10^k) that splits 0…maximum into about ``ticks`` parts."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return int(factor * power)
    return int(10 * power)


def _svg_open(
    width: int, height: int, *, css_class: str, id_prefix: str, title: str, description: str
):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" class="chart {}" '
        'role="img" aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        width,
        height,
        css_class,
        id_prefix,
        id_prefix,
        id_prefix,
        title,
        id_prefix,
        description,
    )


def _join(parts) -> SafeString:
    # Every part comes from format_html, which escaped its arguments.
    return mark_safe("".join(str(part) for part in parts))


# ---------------------------------------------------------------- grouped bars


@dataclass(frozen=True)
class Series:
    key: str  # used in the CSS class chart__bar--<key>
    label: str
    values: Mapping[int, int]  # category (年度) → amount


def budget_bar_chart(
    series: Sequence[Series],
    categories: Sequence[int],
    *,
    title: str,
    description: str,
    id_prefix: str = "budget-chart",
) -> SafeString | None:
    """Grouped bars: one group per fiscal year, one bar per series. ``None`` with no data."""
    if not categories or not series:
        return None
    width, height = 720, 340
    left, right, top, bottom = 96, 16, 16, 44
    plot_width, plot_height = width - left - right, height - top - bottom
    maximum = max((s.values.get(c, 0) for s in series for c in categories), default=0)
    step = nice_step(maximum)
    top_value = max(step, math.ceil(maximum / step) * step)

    def y(value: int) -> float:
        return round(top + plot_height - plot_height * value / top_value, 1)

    parts = [
        _svg_open(
            width,
            height,
            css_class="chart--bars",
            id_prefix=id_prefix,
            title=title,
            description=description,
        )
    ]
    for tick in range(0, top_value + 1, step):
        parts.append(
            format_html(
                '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="chart__axis-label" x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                width - right,
                y(tick),
                y(tick),
                left - 8,
                y(tick) + 4,
                short_yen(tick),
            )
        )
    group_width = plot_width / len(categories)
    bar_width = min(28.0, group_width * 0.8 / len(series))
    for index, category in enumerate(categories):
        group_left = left + index * group_width + (group_width - bar_width * len(series)) / 2
        for position, item in enumerate(series):
            value = item.values.get(category, 0)
            x = round(group_left + position * bar_width, 1)
            parts.append(
                format_html(
                    '<rect class="chart__bar chart__bar--{}" x="{}" y="{}" width="{}" '
                    'height="{}"><title>{}</title></rect>',
                    item.key,
                    x,
                    y(value),
                    round(max(bar_width - 2, 1), 1),
                    round(top + plot_height - y(value), 1),
                    _("%(year)s %(series)s: %(amount)s")
                    % {"year": nendo(category), "series": item.label, "amount": yen(value)},
                )
            )
        parts.append(
            format_html(
                '<text class="chart__axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                round(left + (index + 0.5) * group_width, 1),
                height - bottom + 20,
                nendo(category),
            )
        )
    parts.append(
        format_html(
            '<line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            left,
            width - right,
            y(0),
            y(0),
        )
    )
    parts.append("</svg>")
    return _join(parts)


# ---------------------------------------------------------------- roadmap


@dataclass(frozen=True)
class RoadmapRow:
    label: str
    start: date | None
    end: date | None
    milestones: Sequence[tuple[date, str]]  # (date, target)


def _shorten(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def roadmap_chart(
    rows: Sequence[RoadmapRow], *, title: str, description: str, id_prefix: str = "roadmap-chart"
) -> SafeString | None:
    """One row per project: a bar from start to end, a diamond per milestone, fiscal years
    (April–March) across. ``None`` when no project has a date."""
    days = [d for row in rows for d in (row.start, row.end) if d is not None]
    days += [d for row in rows for d, _target in row.milestones if d is not None]
    if not days:
        return None
    first_year, last_year = fiscal_year(min(days)), fiscal_year(max(days))
    origin, finish = fiscal_year_start(first_year), fiscal_year_start(last_year + 1)
    span = (finish - origin).days
    width, label_width, right = 960, 300, 16
    row_height, top, bottom = 30, 34, 8
    height = top + row_height * len(rows) + bottom
    plot_width = width - label_width - right

    def x(day: date) -> float:
        return round(label_width + plot_width * (day - origin).days / span, 1)

    parts = [
        _svg_open(
            width,
            height,
            css_class="chart--roadmap",
            id_prefix=id_prefix,
            title=title,
            description=description,
        )
    ]
    for year in range(first_year, last_year + 2):
        boundary = x(fiscal_year_start(year))
        parts.append(
            format_html(
                '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                boundary,
                boundary,
                top - 8,
                height - bottom,
            )
        )
        if year <= last_year:
            middle = round((boundary + x(fiscal_year_start(year + 1))) / 2, 1)
            parts.append(
                format_html(
                    '<text class="chart__axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    middle,
                    top - 14,
                    nendo(year) if last_year - first_year < 8 else str(year),
                )
            )
    for index, row in enumerate(rows):
        middle = top + index * row_height + row_height / 2
        parts.append(
            format_html(
                '<text class="chart__row-label" x="{}" y="{}">{}<title>{}</title></text>',
                8,
                middle + 5,
                _shorten(row.label),
                row.label,
            )
        )
        if row.start is not None and row.end is not None and row.start <= row.end:
            parts.append(
                format_html(
                    '<rect class="chart__period" x="{}" y="{}" width="{}" height="{}" '
                    'rx="3"><title>{}</title></rect>',
                    x(row.start),
                    middle - 8,
                    round(max(x(row.end) - x(row.start), 2), 1),
                    16,
                    _("%(name)s: %(start)s〜%(end)s")
                    % {"name": row.label, "start": wareki(row.start), "end": wareki(row.end)},
                )
            )
        for day, target in row.milestones:
            if day is None:
                continue
            cx = x(day)
            parts.append(
                format_html(
                    '<polygon class="chart__milestone" points="{},{} {},{} '
                    '{},{} {},{}"><title>{}</title></polygon>',
                    cx,
                    middle - 9,
                    round(cx + 7, 1),
                    middle,
                    cx,
                    middle + 9,
                    round(cx - 7, 1),
                    middle,
                    f"{wareki(day)} {target}",
                )
            )
    parts.append("</svg>")
    return _join(parts)
