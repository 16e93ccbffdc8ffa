"""和暦 (Japanese era) dates for documents and pages: 「令和8年4月1日」, 「令和元年5月1日」, 「令和8年度」.

The first year of an era is written 元年. A 年度 (fiscal year, April to March) is named
by the era in effect on 1 May of the year it starts in, which gives the names the
government uses: 2019年度 is 「令和元年度」 (not 平成31年度), 1989年度 is 「平成元年度」.
Dates before 1 January 1873 (when Japan adopted the Gregorian calendar) are refused.
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


def era_year(value: date | datetime) -> str:
    """「令和8年」."""
    name, number = _era(_as_date(value))
    return f"{name}{_year_text(number)}年"


def wareki(value: date | datetime) -> str:
    """「令和8年4月1日」 (an aware datetime is read in JST)."""
    day = _as_date(value)
    return f"{era_year(day)}{day.month}月{day.day}日"


def wareki_month(value: date | datetime) -> str:
    """「令和8年4月」."""
    day = _as_date(value)
    return f"{era_year(day)}{day.month}月"


def fiscal_year(value: date) -> int:
    """The 年度 a day falls in, named by the calendar year it starts in (April–March)."""
    return value.year if value.month >= 4 else value.year - 1


def nendo(year: int) -> str:
    """「令和8年度」 for the fiscal year 2026 (April 2026 to March 2027)."""
    name, number = _era(date(year, 5, 1))
    return f"{name}{_year_text(number)}年度"
