"""How the rules' findings write what they name (issue 18, ADR 0127): the clause, quotes,
lists, dates, 年度 and 円, in the language of the request the rule runs in.

A finding's message is made when its rule runs (findings are never stored), through
``gettext`` with named placeholders, so a check in an English request reads English and
the Japanese is the message of record. The Japanese these write is exactly what
``filing.formatting`` writes (「2026年4月1日」, 「2026年度」, 「1,234円」); documents and
exports keep using ``filing.formatting``, which stays Japanese.

Plain Python apart from ``filing.i18n``.
"""

from collections.abc import Iterable
from datetime import date

from filing.formatting import nendo
from filing.i18n import gettext
from filing.i18n import gettext_lazy as _

# Every clause a rule cites (``Rule.clause`` stays the stable Japanese code; a message
# starts with its label).
CLAUSE_LABELS = {
    "第2": _("第2"),
    "第3(2)①": _("第3(2)①"),
    "第3(2)②": _("第3(2)②"),
    "第3(2)③": _("第3(2)③"),
    "第3(2)④": _("第3(2)④"),
    "第3(3)": _("第3(3)"),
    "第3(3)ア": _("第3(3)ア"),
    "第3(3)イ": _("第3(3)イ"),
    "第3(5), 第4(1), 第4(3)": _("第3(5), 第4(1), 第4(3)"),
    "第3(5), 第4(3)": _("第3(5), 第4(3)"),
    "第4(2)①": _("第4(2)①"),
    "第4(2)②": _("第4(2)②"),
    "第4(2)③ア": _("第4(2)③ア"),
    "第4(2)③イ": _("第4(2)③イ"),
    "第4(2)③ウ": _("第4(2)③ウ"),
    "第4(2)③エ": _("第4(2)③エ"),
    "第4(2)③オ": _("第4(2)③オ"),
    "第4(2)③カ": _("第4(2)③カ"),
    "第4(2)③キ": _("第4(2)③キ"),
    "第4(3)": _("第4(3)"),
}


def clause_label(clause: str) -> str:
    """「第3(3)ア」 in the active language (Section 3(3)(a)); an unknown clause as it is."""
    return str(CLAUSE_LABELS.get(clause, clause))


def quoted(text: str) -> str:
    """「text」 (“text” in English): filed content and master data inside a message."""
    return gettext("「%(text)s」") % {"text": text}


def listed(items: Iterable[str]) -> str:
    """「北海道、青森県」: items of a list inside a sentence."""
    # Translators: the separator between the items of a list inside a sentence.
    return gettext("、").join(items)


def day(value: date) -> str:
    """「2026年4月1日」 (the 西暦 date of the messages)."""
    return gettext("%(year)d年%(month)d月%(day)d日") % {
        "year": value.year,
        "month": value.month,
        "day": value.day,
    }


def fiscal_year(year: int) -> str:
    """「2026年度」."""
    return gettext("%(year)d年度") % {"year": year}


def era_fiscal_year(year: int) -> str:
    """「令和8年度」 in Japanese; in other languages, which have no words for the eras, the
    translated 西暦 form (FY2026)."""
    western = fiscal_year(year)
    return nendo(year) if western == f"{year}年度" else western


def fiscal_year_months(year: int) -> str:
    """「2026年4月〜2027年3月」: the months of a 年度."""
    return gettext("%(year)d年4月〜%(next_year)d年3月") % {"year": year, "next_year": year + 1}


def yen(amount: int) -> str:
    """「1,234,567円」."""
    return gettext("%(amount)s円") % {"amount": f"{amount:,}"}
