"""The pure rules of a yearly result (filing.rules.results, ADR 0108)."""

from datetime import date
from decimal import Decimal

from filing.rules.results import (
    ResultEntry,
    TargetPeriod,
    check,
    period_years,
    reminder_due,
    year_ended,
    years_due,
)

TARGET = TargetPeriod("t1", "観光客数", "万人", date(2024, 4, 1), date(2028, 3, 31))
TARGETS = {
    "t1": TARGET,
    "t2": TargetPeriod("t2", "参加企業", "社", date(2024, 4, 1), date(2028, 3, 31)),
}
TODAY = date(2026, 12, 2)


def codes(entry, taken=()):
    return [(f.code, f.path) for f in check(entry, targets=TARGETS, today=TODAY, taken=taken)]


def test_a_result_of_an_ended_year_in_the_period_is_fine():
    assert codes(ResultEntry("t1", 2025, Decimal("120.5"))) == []


def test_a_target_that_does_not_exist():
    found = check(ResultEntry("nope", 2025, Decimal("1")), targets=TARGETS, today=TODAY)
    assert [(f.code, f.path) for f in found] == [("result.target", "target")]
    assert "目標を選んでください" in found[0].message


def test_a_year_outside_the_project_period():
    found = check(ResultEntry("t1", 2023, Decimal("1")), targets=TARGETS, today=TODAY)
    assert [(f.code, f.path) for f in found] == [("result.year", "fiscal_year")]
    assert "令和5年度はプロジェクトの期間（令和6年度〜令和9年度）の外です" in found[0].message


def test_a_year_not_yet_ended():
    found = check(ResultEntry("t1", 2026, Decimal("1")), targets=TARGETS, today=TODAY)
    assert [f.code for f in found] == ["result.year"]
    assert "2027年4月1日から" in found[0].message
    assert codes(ResultEntry("t1", 2026, Decimal("1"))) != []
    assert (
        check(ResultEntry("t1", 2026, Decimal("1")), targets=TARGETS, today=date(2027, 4, 1)) == []
    )


def test_a_duplicate_year():
    assert codes(ResultEntry("t1", 2025, Decimal("1")), taken={("t1", 2025)}) == [
        ("result.duplicate", "fiscal_year")
    ]
    assert codes(ResultEntry("t2", 2025, Decimal("1")), taken={("t1", 2025)}) == []


def test_the_value_is_required_and_within_its_unit():
    assert codes(ResultEntry("t1", 2025, None)) == [("result.value", "value")]
    assert codes(ResultEntry("t2", 2025, Decimal("-1"))) == [("result.value", "value")]
    assert codes(ResultEntry("t2", 2025, Decimal("1.5"))) == [("result.value", "value")]
    assert codes(ResultEntry("t1", 2025, Decimal("1.5"))) == []


def test_years_and_reminders():
    assert period_years(date(2024, 4, 1), date(2028, 3, 31)) == [2024, 2025, 2026, 2027]
    assert period_years(None, date(2028, 3, 31)) == []
    assert not year_ended(2025, date(2026, 3, 31)) and year_ended(2025, date(2026, 4, 1))
    assert years_due(TARGET, TODAY) == [2024, 2025]
    assert not reminder_due(2025, date(2026, 5, 29), 60)
    assert reminder_due(2025, date(2026, 5, 30), 60)
