"""The portal's one writer of dates, 年度 and 円 (ADR 0080, 「何をどの利用者に見せるか」).

和暦: 「令和8年4月1日」, 「令和元年5月1日」, 「令和8年4月」, 「令和8年」. The first year of an era
is written 元年. Dates before 1 January 1873 (when Japan adopted the Gregorian calendar)
are refused with ``ValueError``.

年度 (fiscal year, April to March) is named by the calendar year it starts in: the day
31 March 2027 falls in 2026年度. Its 和暦 name follows the era in effect on 1 May of that
year, which gives the names the government uses: 2019年度 is 「令和元年度」 (not 平成31年度),
1989年度 is 「平成元年度」.

円: 「1,234,567円」; a difference with its sign 「+1,000円」「−1,000円」「±0円」; an axis label
rounded to 万円 or 億円.

Plain Python (the core imports no Django); aware datetimes are read in Japan time.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

# The portal's one time zone (settings.TIME_ZONE); documents and pages read times in it.
JST = ZoneInfo("Asia/Tokyo")

# (first day, name), newest first.
ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1873, 1, 1), "明治"),
)
MEIJI_GREGORIAN_OFFSET = 1868  # 明治6年 = 1873
FISCAL_YEAR_FIRST_MONTH = 4  # 年度 run from April to March

# The short 年度 labels of a long chart write 令和 as its initial (「R8」).
_SHORT_ERA_NAMES = {"令和": "R"}


def _era(day: date) -> tuple[str, int]:
    """The era name and the year number within it."""
    for start, name in ERAS:
        if day >= start:
            first_year = MEIJI_GREGORIAN_OFFSET if name == "明治" else start.year
            return name, day.year - first_year + 1
    raise ValueError(f"{day.isoformat()} は和暦で表せません（1873年1月1日より前です）。")


def _year_text(number: int) -> str:
    return "元" if number == 1 else str(number)


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return value.astimezone(JST).date() if value.tzinfo is not None else value.date()
    return value


# ---------------------------------------------------------------- dates


def iso_datetime(value: datetime | None) -> str:
    """ISO 8601 in Japan time with its offset, to the second: 「2026-12-02T06:24:20+09:00」
    (the API, the CSV and the Atom feed; a naive datetime is taken as Japan time already,
    ``None`` is empty)."""
    if value is None:
        return ""
    moment = value.astimezone(JST) if value.tzinfo is not None else value.replace(tzinfo=JST)
    return moment.isoformat(timespec="seconds")


def era_year(value: date | datetime) -> str:
    """「令和8年」."""
    name, number = _era(_as_date(value))
    return f"{name}{_year_text(number)}年"


ERA_INITIALS = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T", "明治": "M"}


def era_initial_year(value: date | datetime) -> str:
    """「R8」 for a day in 令和8年 (the era's initial and the year number; 「R1」 for 令和元年),
    as a 受付番号 begins (ADR 0094)."""
    name, number = _era(_as_date(value))
    return f"{ERA_INITIALS[name]}{number}"


def wareki(value: date | datetime) -> str:
    """「令和8年4月1日」 (an aware datetime is read in JST)."""
    day = _as_date(value)
    return f"{era_year(day)}{day.month}月{day.day}日"


def wareki_month(value: date | datetime) -> str:
    """「令和8年4月」."""
    day = _as_date(value)
    return f"{era_year(day)}{day.month}月"


def seireki(value: date | datetime) -> str:
    """「2026年4月1日」: the 西暦 date of the rules' messages."""
    day = _as_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- 年度


def fiscal_year(value: date | datetime) -> int:
    """The 年度 a day falls in, named by the calendar year it starts in (April–March)."""
    day = _as_date(value)
    return day.year if day.month >= FISCAL_YEAR_FIRST_MONTH else day.year - 1


def fiscal_year_start(year: int) -> date:
    """The first day of a 年度: 2026 → 1 April 2026."""
    return date(year, FISCAL_YEAR_FIRST_MONTH, 1)


def nendo(year: int) -> str:
    """「令和8年度」 for the fiscal year 2026 (April 2026 to March 2027)."""
    name, number = _era(date(year, 5, 1))
    return f"{name}{_year_text(number)}年度"


def nendo_short(year: int) -> str:
    """「R8」 for 2026: the column heads of a chart of more than seven 年度 (「平成30」 before 令和)."""
    name, number = _era(date(year, 5, 1))
    return f"{_SHORT_ERA_NAMES.get(name, name)}{_year_text(number)}"


def seireki_nendo(year: int) -> str:
    """「2026年度」."""
    return f"{year}年度"


def nendo_span(year: int) -> str:
    """「2026年4月〜2027年3月」: the months of a 年度."""
    return f"{year}年{FISCAL_YEAR_FIRST_MONTH}月〜{year + 1}年{FISCAL_YEAR_FIRST_MONTH - 1}月"


# ---------------------------------------------------------------- 円


def yen(amount: int | None) -> str:
    """「1,234,567円」 (「-1,000円」 below zero); empty for ``None``."""
    return "" if amount is None else f"{amount:,}円"


def signed_yen(amount: int | None) -> str:
    """A difference with its sign: 「+1,000円」「−1,000円」 (U+2212) 「±0円」; empty for ``None``."""
    if amount is None:
        return ""
    sign = "+" if amount > 0 else "−" if amount < 0 else "±"
    return f"{sign}{abs(amount):,}円"


def short_yen(amount: int) -> str:
    """An amount rounded for an axis label or a headline: 「245.7億円」「300万円」「5,000円」."""
    if amount >= 100_000_000:
        return f"{amount / 100_000_000:,.1f}".removesuffix(".0") + "億円"
    if amount >= 10_000:
        return f"{amount / 10_000:,.0f}万円"
    return yen(amount)
