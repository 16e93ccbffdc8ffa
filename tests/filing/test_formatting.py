"""和暦: 令和 dates with 元年 for the first year, era boundaries, 年度 names, template filters."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from filing.formatting import era_year, fiscal_year, nendo, wareki, wareki_month


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 4, 1), "令和8年4月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 12, 31), "令和元年12月31日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_dates_are_written_in_the_era_of_the_day(day, expected):
    assert wareki(day) == expected


def test_a_day_before_the_gregorian_calendar_is_refused():
    with pytest.raises(ValueError, match="1873年1月1日より前"):
        wareki(date(1872, 12, 31))


def test_an_aware_datetime_is_read_in_tokyo_time(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    # 30 April 2019 16:00 UTC is already 1 May 2019 in Tokyo: the first day of 令和.
    assert wareki(datetime(2019, 4, 30, 16, 0, tzinfo=UTC)) == "令和元年5月1日"


def test_month_and_year_forms():
    assert wareki_month(date(2027, 3, 31)) == "令和9年3月"
    assert wareki_month(date(2019, 6, 1)) == "令和元年6月"
    assert era_year(date(2026, 1, 1)) == "令和8年"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2026, "令和8年度"),
        (2020, "令和2年度"),
        (2019, "令和元年度"),  # the government names 2019年度 令和元年度
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_fiscal_years_are_named_as_the_government_does(year, expected):
    assert nendo(year) == expected


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2026, 4, 1), 2026), (date(2027, 3, 31), 2026), (date(2027, 4, 1), 2027)],
)
def test_the_fiscal_year_runs_from_april_to_march(day, year):
    assert fiscal_year(day) == year


def render(text: str, **context) -> str:
    return Template("{% load wareki %}" + text).render(Context(context))


def test_template_filters_write_dates_years_and_yen():
    assert render("{{ day|wareki }}", day=date(2019, 5, 1)) == "令和元年5月1日"
    assert render("{{ day|wareki_month }}", day=date(2026, 4, 1)) == "令和8年4月"
    assert render("{{ year|nendo }}", year=2026) == "令和8年度"
    assert render("{{ day|nendo }}", day=date(2027, 2, 1)) == "令和8年度"
    assert render("{{ amount|yen }}", amount=1234567) == "1,234,567円"
    assert render("{{ amount|yen }}", amount=0) == "0円"


def test_template_filters_leave_empty_and_unreadable_values_alone():
    assert render("[{{ day|wareki }}]", day=None) == "[]"
    assert render("[{{ year|nendo }}]", year="") == "[]"
    assert render("{{ value|yen }}", value="abc") == "abc"
    assert render("{{ value|nendo }}", value="abc") == "abc"
    assert render("{{ day|wareki }}", day=date(1800, 1, 1)) == "1800年1月1日"  # as Django shows it
