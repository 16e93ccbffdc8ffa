"""Amounts of money as people write them (ADR 0097): read into whole 円, written back.

``parse_amount(text, unit=YEN)`` reads what a clerk types into a budget cell:

- 全角 digits and punctuation (「１２３」「１，０００」「１．５」), thousands separators
  (「1,234」「1，234」), spaces anywhere, a leading 「¥」 and a trailing 「円」;
- 漢数字 units as they are written in Japanese budgets: 「1億8千万」「1億8000万円」「3千万」
  「1.5億」「180,000千円」「百万円」「一億八千万円」 (十・百・千 within a group of four digits,
  万・億・兆 between groups);
- a bare number (「180000」「1,234.5」) counts in the column's ``unit`` (``YEN`` or
  ``THOUSAND_YEN``, the 円/千円 selector); a number written with 円 or with a kanji unit
  states its own amount and is read in 円 whatever the selector says (「3千万」 is 3千万円
  in a 千円 column too: nobody counts 千万 of 千円).

The result is a whole number of 円 from 0 to ``MAX_AMOUNT``, or ``None`` for a blank cell.
Anything else raises ``AmountError`` with the reason in Japanese; ``error.message(label)``
names the field: 「令和8年度の金額: 数字で入力してください（例: 1億8千万、180000000）」.
A fraction of a yen (「1.2345」 in 千円, 「0.5円」) is an error, never rounded.

``format_amount(amount, unit)`` writes an amount back for the same cell: 「180,000,000」 in 円,
「180,000」 in 千円 (「1,234.567」 when the amount is not a whole number of 千円), so that
``parse_amount(format_amount(a, u), u) == a`` for every amount.

Plain Python (the core imports no Django).
"""

import re
import unicodedata
from fractions import Fraction

from filing.bundle.limits import MAX_AMOUNT

YEN = 1
THOUSAND_YEN = 1000
UNITS = {"yen": YEN, "thousand": THOUSAND_YEN}
UNIT_NAMES = {YEN: "円", THOUSAND_YEN: "千円"}

INVALID = "数字で入力してください（例: 1億8千万、180000000）"
NEGATIVE = "0円以上の金額を入力してください（マイナスの金額は入力できません）"
FRACTION = "1円未満の端数が出ます。円単位の金額になるように入力してください"
TOO_LARGE = f"{MAX_AMOUNT // 10**12:,}兆円以下で入力してください"

_KANJI_DIGITS = dict(zip("〇零一二三四五六七八九", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "億": 10**8, "兆": 10**12}
_LONGEST_DIGITS = 20  # more digits than any amount up to MAX_AMOUNT, in any unit
_NUMBER = re.compile(r"\A[0-9]+(?:\.[0-9]+)?\Z")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|[〇零一二三四五六七八九]+|[十百千万億兆]")
_NEGATIVE_SIGNS = ("-", "−", "‐", "‑", "–", "ー", "▲", "△", "マイナス")
_SPACES = re.compile(r"[\s,、]+")


class AmountError(ValueError):
    """An amount that cannot be read; ``reason`` says why, in Japanese."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def message(self, label: str) -> str:
        """「令和8年度の金額: 数字で入力してください（…）」."""
        return f"{label}: {self.reason}"


def _normalized(text: str) -> str:
    # NFKC: 全角 digits, 「，」「．」「￥」 and the ideographic space become their ASCII forms.
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", text)


def _kanji_number(token: str) -> int:
    return int("".join(str(_KANJI_DIGITS[c]) for c in token))


def _number(token: str) -> Fraction:
    if token[0] in _KANJI_DIGITS:
        return Fraction(_kanji_number(token))
    if len(token.split(".")[0]) > _LONGEST_DIGITS:
        raise AmountError(TOO_LARGE)
    return Fraction(token)


def _with_units(text: str) -> Fraction:
    """「1億8千万」 → 180000000: groups of 十百千 joined by 万億兆, largest first."""
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text:
        raise AmountError(INVALID)
    total = Fraction(0)
    group = Fraction(0)  # the group of four digits before the next 万/億/兆
    current = None  # a number not yet multiplied
    small_limit = None  # the last 十/百/千 of this group
    big_limit = None  # the last 万/億/兆
    for token in tokens:
        if token in _SMALL:
            small = _SMALL[token]
            piece = (Fraction(1) if current is None else current) * small
            if small_limit is not None and (small >= small_limit or piece >= small_limit):
                raise AmountError(INVALID)
            group, current, small_limit = group + piece, None, small
        elif token in _BIG:
            big = _BIG[token]
            value = group + (current or 0)
            if value == 0 or (
                big_limit is not None and (big >= big_limit or value * big >= big_limit)
            ):
                raise AmountError(INVALID)
            total += value * big
            group, current, small_limit, big_limit = Fraction(0), None, None, big
        else:
            if current is not None:
                raise AmountError(INVALID)
            current = _number(token)
            if small_limit is not None and current >= small_limit:
                raise AmountError(INVALID)
    rest = group + (current or 0)
    if big_limit is not None and rest >= big_limit:
        raise AmountError(INVALID)
    return total + rest


def parse_amount(text: str | None, *, unit: int = YEN) -> int | None:
    """The amount in 円 that ``text`` means (``None`` when blank); ``AmountError`` otherwise."""
    if unit not in UNIT_NAMES:
        raise ValueError(f"unknown unit {unit!r}")
    text = _normalized(text or "")
    if not text:
        return None
    if text.startswith(_NEGATIVE_SIGNS):
        raise AmountError(NEGATIVE)
    stated = False  # the text states its own unit (円, a kanji unit): the selector does not apply
    if text.startswith("¥"):
        text, stated = text[1:], True
    if text.endswith("円"):
        text, stated = text[:-1], True
    if not text:
        raise AmountError(INVALID)
    if _NUMBER.match(text):
        value = _number(text) * (1 if stated else unit)
    else:
        value = _with_units(text)
    if value.denominator != 1:
        raise AmountError(FRACTION)
    if value > MAX_AMOUNT:
        raise AmountError(TOO_LARGE)
    return int(value)


def format_amount(amount: int | None, unit: int = YEN) -> str:
    """An amount for a cell counted in ``unit``: 「180,000,000」 (円), 「180,000」 or 「1,234.5」 (千円)."""
    if amount is None:
        return ""
    whole, rest = divmod(amount, unit)
    if not rest:
        return f"{whole:,}"
    digits = len(str(unit)) - 1
    return f"{whole:,}." + f"{rest:0{digits}d}".rstrip("0")
