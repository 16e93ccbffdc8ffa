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
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from filing.formatting import fiscal_year, fiscal_year_start, nendo, short_yen, wareki, yen
from filing.targets import format_value


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


# ---------------------------------------------------------------- a target and its results


@dataclass(frozen=True)
class TargetPoint:
    """One column of a target chart: the baseline (``is_baseline``) or a 年度."""

    label: str  # 「基準値」, 「令和8年度」
    target: Decimal | None = None
    result: Decimal | None = None
    is_baseline: bool = False


def _nice_float_step(span: float, ticks: int = 5) -> float:
    """``nice_step`` for figures with decimals: 1, 2 or 5 × 10^k (k may be negative)."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _tick_text(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return format_value(Decimal(f"{value:.{decimals}f}"))


def target_chart(
    points: Sequence[TargetPoint],
    *,
    unit: str,
    title: str,
    description: str,
    id_prefix: str = "target-chart",
) -> SafeString | None:
    """A target against its results: the target values as a line with square markers
    (the baseline, an open circle, is its first point), the published results as bars from
    zero with their figures written above them, and a legend in words, so no meaning rests on
    colour alone. ``None`` when there is no figure at all."""
    figures = [float(v) for p in points for v in (p.target, p.result) if v is not None]
    if not figures:
        return None
    low, high = min(0.0, *figures), max(0.0, *figures)
    step = _nice_float_step(high - low)
    bottom_value = math.floor(low / step) * step
    top_value = max(bottom_value + step, math.ceil(high / step) * step)
    width, height = 720, 360
    left, right, top, bottom = 88, 16, 52, 44
    plot_width, plot_height = width - left - right, height - top - bottom

    def y(value: float) -> float:
        share = (value - bottom_value) / (top_value - bottom_value)
        return round(top + plot_height - plot_height * share, 1)

    def shown(value) -> str:
        return f"{format_value(value)}{unit}"

    parts = [
        _svg_open(
            width,
            height,
            css_class="chart--target",
            id_prefix=id_prefix,
            title=title,
            description=description,
        )
    ]
    parts.append(
        format_html(
            '<g class="chart__legend">'
            '<line class="chart__target-line" x1="{}" x2="{}" y1="18" y2="18"/>'
            '<rect class="chart__target-point" x="{}" y="14" width="8" height="8"/>'
            '<text class="chart__axis-label" x="{}" y="23">{}</text>'
            '<rect class="chart__result-bar" x="{}" y="11" width="14" height="14"/>'
            '<text class="chart__axis-label" x="{}" y="23">{}</text>'
            '<circle class="chart__baseline-point" cx="{}" cy="18" r="5"/>'
            '<text class="chart__axis-label" x="{}" y="23">{}</text></g>',
            left,
            left + 28,
            left + 10,
            left + 36,
            _("目標値（線と四角）"),
            left + 200,
            left + 220,
            _("実績値（棒）"),
            left + 340,
            left + 352,
            _("基準値（白丸）"),
        )
    )
    if unit:
        parts.append(
            format_html(
                '<text class="chart__axis-label" x="{}" y="{}" text-anchor="end">{}</text>',
                left - 8,
                top - 12,
                _("（%(unit)s）") % {"unit": unit},
            )
        )
    tick = bottom_value
    while tick <= top_value + step / 2:
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
                _tick_text(tick, step),
            )
        )
        tick += step
    column = plot_width / len(points)
    bar_width = min(36.0, column * 0.5)
    line: list[str] = []
    bars, markers = [], []
    for index, point in enumerate(points):
        middle = round(left + (index + 0.5) * column, 1)
        if point.result is not None:
            value = float(point.result)
            y0, y1 = sorted((y(0), y(value)))
            bars.append(
                format_html(
                    '<rect class="chart__result-bar" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}</title></rect>"
                    '<text class="chart__value-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    round(middle - bar_width / 2, 1),
                    y0,
                    round(bar_width, 1),
                    round(max(y1 - y0, 1), 1),
                    _("%(year)s 実績値: %(value)s")
                    % {"year": point.label, "value": shown(point.result)},
                    middle,
                    round(min(y(value), y(0)) - 6, 1),
                    shown(point.result),
                )
            )
        if point.target is not None:
            cy = y(float(point.target))
            line.append(f"{middle},{cy}")
            if point.is_baseline:
                marker = format_html(
                    '<circle class="chart__baseline-point" cx="{}" cy="{}" r="5">'
                    "<title>{}</title></circle>",
                    middle,
                    cy,
                    _("基準値: %(value)s") % {"value": shown(point.target)},
                )
            else:
                marker = format_html(
                    '<rect class="chart__target-point" x="{}" y="{}" width="10" height="10">'
                    "<title>{}</title></rect>",
                    round(middle - 5, 1),
                    round(cy - 5, 1),
                    _("%(year)s 目標値: %(value)s")
                    % {"year": point.label, "value": shown(point.target)},
                )
            markers.append(marker)
        parts.append(
            format_html(
                '<text class="chart__axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                middle,
                height - bottom + 20,
                point.label,
            )
        )
    parts += bars
    if len(line) > 1:  # over the bars, under its markers
        parts.append(
            format_html('<polyline class="chart__target-line" points="{}"/>', " ".join(line))
        )
    parts += markers
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


# ---------------------------------------------------------------- horizontal bars (ADR 0121)


def horizontal_bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    description: str,
    id_prefix: str,
    key: str = "total",
    value_text=short_yen,
) -> SafeString | None:
    """One bar per row (``(label, value)``), top to bottom, the value written after the bar.
    ``None`` when no row has a value."""
    if not rows or not any(value for _label, value in rows):
        return None
    row_height, width = 26, 720
    left, right, top, bottom = 220, 110, 8, 8
    height = top + bottom + row_height * len(rows)
    plot_width = width - left - right
    maximum = max(value for _label, value in rows)
    parts = [
        _svg_open(
            width,
            height,
            css_class="chart--hbars",
            id_prefix=id_prefix,
            title=title,
            description=description,
        )
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * row_height
        bar = round(plot_width * value / maximum, 1) if maximum else 0
        parts.append(
            format_html(
                '<text class="chart__row-label" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="chart__bar chart__bar--{}" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {}</title></rect>"
                '<text class="chart__axis-label" x="{}" y="{}">{}</text>',
                left - 8,
                y + row_height / 2 + 5,
                _shorten(label, 16),
                key,
                left,
                y + 4,
                max(bar, 1 if value else 0),
                row_height - 8,
                label,
                value_text(value),
                round(left + bar + 6, 1),
                y + row_height / 2 + 5,
                value_text(value),
            )
        )
    parts.append(
        format_html(
            '<line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            left,
            left,
            top,
            height - bottom,
        )
    )
    parts.append("</svg>")
    return _join(parts)
