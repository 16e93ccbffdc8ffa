"""A project's targets (目標・指標, ADR 0104): figures as people write them, the range that
makes sense for a unit, and a target in one line of words.

- ``parse_value(text)`` reads what a clerk types into a target cell: 全角 digits, thousands
  separators (「1,200」「１，２００」), spaces, a minus (「-」「−」「▲」「△」「マイナス」) and a
  decimal point, into an exact ``Decimal`` (``None`` when blank). Up to four decimals and
  15 significant digits; anything else raises ``ValueRefused`` with the reason (in the
  active language, like the rules' messages: ADR 0127).
- ``number_error(value)`` is the same check for a number that is already one (a bundle's).
- ``range_error(value, unit)``: the sensible range of a unit. A count (人, 件, 社, 回 …, also
  with 万・千: 「万人」) and money (円, 千円, 億円 …) are never negative, and a bare count is a
  whole number; a unit of exactly 「%」 is a share, 0 to 100 (a rate that may pass 100 is
  written with its basis, 「%（前年度比）」, and is then a unit like any other); every
  figure lies within ±10^15.
- ``format_value(value)`` writes a figure back (「1,234.5」), so that
  ``parse_value(format_value(v)) == v``; ``target_text(target)`` is a target in words
  (the diff, a plain-text summary).

Plain Python: the core imports no Django but ``filing.i18n``.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from filing.bundle.limits import MAX_TARGET_VALUE, TARGET_DECIMALS, TARGET_DIGITS
from filing.data import Better, TargetData
from filing.formatting import seireki_nendo
from filing.i18n import gettext, gettext_lazy

BETTER_LABELS = {Better.HIGHER: "高いほどよい", Better.LOWER: "低いほどよい"}

# The reasons are translated when they are given (``str()`` or ``%`` of a lazy text).
INVALID = gettext_lazy("数字で入力してください（例: 1200、12.5）")
DECIMALS = gettext_lazy("小数は %(decimals)d 桁までにしてください")
DIGITS = gettext_lazy("有効数字は %(digits)d 桁までにしてください")
TOO_LARGE = gettext_lazy("%(trillions)s兆以下の値にしてください")

_NUMBER = re.compile(r"\A[0-9]+(?:\.[0-9]+)?\Z")
_SPACES = re.compile(r"[\s,、]+")
_NEGATIVE_SIGNS = ("マイナス", "-", "−", "‐", "‑", "–", "ー", "▲", "△")

_COUNT_WORDS = frozenset(
    "人 名 者 人泊 泊 人日 人回 件 社 者数 団体 企業 事業者 経営体 回 台 便 校 箇所 か所 ヶ所 カ所 "
    "戸 世帯 店 店舗 施設 本 棟 隻 機 室 床 席 路線 地区 品目 品 個".split()
)
_MONEY_WORDS = frozenset({"円"})
_MULTIPLIERS = ("万", "千", "百", "億", "十")
PERCENT_UNITS = frozenset({"%", "パーセント"})


class ValueRefused(ValueError):
    """A figure that cannot be read or does not fit; ``reason`` says why (active language)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalized_unit(unit: str) -> str:
    """A unit as compared: NFKC (「％」→「%」), without spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", unit or ""))


def unit_kind(unit: str) -> str:
    """``percent``, ``count`` (``count_whole`` when bare, so a whole number), ``money`` or
    ``other``."""
    unit = normalized_unit(unit)
    if unit in PERCENT_UNITS:
        return "percent"
    word = unit
    prefixed = False
    while word[:1] in _MULTIPLIERS and len(word) > 1:
        word, prefixed = word[1:], True
    if word in _MONEY_WORDS:
        return "money"
    if word in _COUNT_WORDS:
        return "count" if prefixed else "count_whole"
    return "other"


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (1E+3 → 1000)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def number_error(value: Decimal) -> str | None:
    """Why a figure is not one a target may hold (decimals, digits, size), or ``None``."""
    if not value.is_finite():
        return str(INVALID)
    if abs(value) > MAX_TARGET_VALUE:  # before ``plain``: 10**30 cannot be quantized
        return TOO_LARGE % {"trillions": f"{MAX_TARGET_VALUE // 10**12:,}"}
    value = plain(value)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > TARGET_DECIMALS:
        return DECIMALS % {"decimals": TARGET_DECIMALS}
    if len(value.as_tuple().digits) > TARGET_DIGITS:
        return DIGITS % {"digits": TARGET_DIGITS}
    return None


def range_error(value: Decimal, unit: str) -> str | None:
    """Why ``value`` lies outside the sensible range of ``unit``, or ``None``."""
    kind = unit_kind(unit)
    shown = normalized_unit(unit)
    if kind == "percent" and not 0 <= value <= 100:
        return gettext(
            "単位が「%」の値は 0〜100 にしてください（100 を超える増加率などは、単位を"
            "「%（前年度比）」のように基準を添えて書いてください）"
        )
    if kind in {"count", "count_whole", "money"} and value < 0:
        return gettext("単位が「%(unit)s」の値はマイナスにできません") % {"unit": shown}
    if kind == "count_whole" and value != value.to_integral_value():
        return gettext(
            "単位が「%(unit)s」の値は整数にしてください（小数を使うときは単位を「万%(unit)s」などにします）"
        ) % {"unit": shown}
    return None


def parse_value(text: str | None) -> Decimal | None:
    """The figure ``text`` means (``None`` when blank); ``ValueRefused`` otherwise."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))
    if not text:
        return None
    negative = text.startswith(_NEGATIVE_SIGNS)
    if negative:
        text = next(text[len(s) :] for s in _NEGATIVE_SIGNS if text.startswith(s))
    if not _NUMBER.match(text) or len(text) > 40:
        raise ValueRefused(str(INVALID))
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise ValueRefused(str(INVALID)) from None
    value = -value if negative else value
    if reason := number_error(value):
        raise ValueRefused(reason)
    return plain(value)


def format_value(value: Decimal | None) -> str:
    """A figure for people and for its cell: 「1,234.5」「-3」; empty for ``None``."""
    if value is None:
        return ""
    return f"{plain(value):,f}"


def json_number(value: Decimal | None) -> int | float | None:
    """A figure as a JSON number (an int when whole; 15 significant digits survive a float)."""
    if value is None:
        return None
    value = plain(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _with_unit(value: Decimal | None, unit: str) -> str:
    return f"{format_value(value)}{unit}" if value is not None else "（未記入）"


def target_text(target: TargetData) -> str:
    """「観光入込客数（万人、高いほどよい）: 基準値 120万人（2024-03-31）、2026年度 130万人、
    最終目標 2030年度 150万人、出典 県観光統計」."""
    head = f"{target.name or '（名称なし）'}（{target.unit or '単位なし'}、{BETTER_LABELS[target.better]}）"
    parts = []
    if target.baseline_value is not None or target.baseline_on is not None:
        on = f"（{target.baseline_on.isoformat()}）" if target.baseline_on else ""
        parts.append(f"基準値 {_with_unit(target.baseline_value, target.unit)}{on}")
    parts += [
        f"{seireki_nendo(year)} {_with_unit(value, target.unit)}" for year, value in target.values
    ]
    if target.final_year is not None or target.final_value is not None:
        year = seireki_nendo(target.final_year) if target.final_year else "（年度未記入）"
        parts.append(f"最終目標 {year} {_with_unit(target.final_value, target.unit)}")
    if target.source:
        parts.append(f"出典 {target.source}")
    return f"{head}: {'、'.join(parts)}" if parts else head
