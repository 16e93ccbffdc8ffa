"""filing.formatting: 和暦 dates with 元年, era boundaries, 年度 in each form, 円 (ADR 0080).

The template filters over these functions are tested in tests/workflow/test_portal_format.py.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from filing.formatting import (
    era_year,
    fiscal_year,
    fiscal_year_start,
    nendo,
    nendo_short,
    nendo_span,
    seireki,
    seireki_nendo,
    short_yen,
    signed_yen,
    wareki,
    wareki_month,
    yen,
)


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


def test_an_aware_datetime_is_read_in_tokyo_time_without_django_settings():
    # 31 March 2027 15:00 UTC is 1 April 2027 in Tokyo: already the next 年度.
    moment = datetime(2027, 3, 31, 15, 0, tzinfo=UTC)
    assert fiscal_year(moment) == 2027
    assert wareki_month(moment) == "令和9年4月"
    assert seireki(moment) == "2027年4月1日"


def test_a_naive_datetime_is_read_as_it_is():
    assert wareki(datetime(2019, 4, 30, 23, 59)) == "平成31年4月30日"


def test_the_first_year_of_every_era_is_gannen():
    assert [era_year(day) for day in (date(2019, 5, 1), date(1989, 1, 8), date(1926, 12, 25))] == [
        "令和元年",
        "平成元年",
        "昭和元年",
    ]
    assert era_year(date(1912, 7, 30)) == "大正元年"
    assert era_year(date(2019, 4, 30)) == "平成31年"


def test_seireki_dates_are_those_of_the_rules_messages():
    assert seireki(date(2026, 4, 1)) == "2026年4月1日"
    assert seireki(date(2031, 12, 31)) == "2031年12月31日"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 3, 31), 2025),
        (date(2026, 1, 1), 2025),
        (date(2019, 4, 30), 2019),  # 平成31年4月30日 is in 令和元年度
        (date(2026, 12, 31), 2026),
    ],
)
def test_march_belongs_to_the_fiscal_year_before_april(day, year):
    assert fiscal_year(day) == year


def test_a_fiscal_year_starts_on_the_first_of_april():
    assert fiscal_year_start(2026) == date(2026, 4, 1)
    assert fiscal_year(fiscal_year_start(2026)) == 2026
    assert fiscal_year(fiscal_year_start(2027) - timedelta(days=1)) == 2026


def test_a_fiscal_year_before_meiji_6_is_refused():
    with pytest.raises(ValueError, match="1873年1月1日より前"):
        nendo(1872)


def test_the_fiscal_year_in_each_form_the_portal_writes():
    assert nendo(2026) == "令和8年度"
    assert seireki_nendo(2026) == "2026年度"
    assert nendo_span(2026) == "2026年4月〜2027年3月"
    assert nendo_short(2026) == "R8"
    assert nendo_short(2019) == "R元"
    assert nendo_short(2018) == "平成30"  # only 令和 is shortened (no chart reaches before it)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(1_234_567, "1,234,567円"), (0, "0円"), (-1_000, "-1,000円"), (None, "")],
)
def test_yen_groups_thousands(amount, expected):
    assert yen(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1_000, "+1,000円"),
        (-1_000, "−1,000円"),
        (0, "±0円"),
        (-1_234_567, "−1,234,567円"),
        (None, ""),
    ],
)
def test_signed_yen_writes_the_sign_of_a_difference(amount, expected):
    assert signed_yen(amount) == expected
    assert "-" not in signed_yen(amount)  # the minus is U+2212, not a hyphen


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0円"),
        (5_000, "5,000円"),
        (9_999, "9,999円"),
        (10_000, "1万円"),
        (3_000_000, "300万円"),
        (100_000_000, "1億円"),
        (150_000_000, "1.5億円"),
        (24_570_000_000, "245.7億円"),
    ],
)
def test_short_yen_rounds_to_man_or_oku(amount, expected):
    assert short_yen(amount) == expected
