"""filing.targets: figures as people write them and the range of a unit (ADR 0104)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filing.data import Better, TargetData
from filing.targets import (
    ValueRefused,
    format_value,
    json_number,
    parse_value,
    range_error,
    target_text,
    unit_kind,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1200", Decimal(1200)),
        ("1,200", Decimal(1200)),
        ("１，２００", Decimal(1200)),
        (" 12.50 ", Decimal("12.5")),
        ("-3", Decimal(-3)),
        ("▲3.5", Decimal("-3.5")),
        ("マイナス2", Decimal(-2)),
        ("0.0001", Decimal("0.0001")),
        ("", None),
        (None, None),
    ],
)
def test_parse_value_reads_what_people_type(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12人", "数字で入力"),
        ("1.2.3", "数字で入力"),
        ("0.00001", "小数は 4 桁まで"),
        ("1234567890123456", "兆以下"),
        ("1" + "0" * 30, "兆以下"),  # more digits than Decimal's context: no InvalidOperation
        ("1234567890123.456", "有効数字"),
    ],
)
def test_parse_value_refuses_with_the_reason(text, reason):
    with pytest.raises(ValueRefused) as error:
        parse_value(text)
    assert reason in error.value.reason


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("人", "count_whole"),
        ("万人", "count"),
        ("千人泊", "count"),
        ("社", "count_whole"),
        ("百万円", "money"),
        ("円", "money"),
        ("%", "percent"),
        ("％", "percent"),
        ("%（前年度比）", "other"),
        ("t-CO2", "other"),
        ("℃", "other"),
    ],
)
def test_unit_kind(unit, kind):
    assert unit_kind(unit) == kind


def test_range_of_units():
    assert range_error(Decimal(-1), "人") == "単位が「人」の値はマイナスにできません"
    assert "整数" in range_error(Decimal("1.5"), "人")
    assert range_error(Decimal("1.5"), "万人") is None
    assert "0〜100" in range_error(Decimal(120), "%")
    assert range_error(Decimal(120), "%（前年度比）") is None
    assert range_error(Decimal(-5), "℃") is None
    assert range_error(Decimal(-1), "億円") is not None


def test_format_value_writes_separators_and_no_exponent():
    assert format_value(Decimal("1E+3")) == "1,000"
    assert format_value(Decimal("1234.50")) == "1,234.5"
    assert format_value(None) == ""
    assert json_number(Decimal("12.50")) == 12.5
    assert isinstance(json_number(Decimal("1E+3")), int)


@given(
    st.decimals(min_value=Decimal(-(10**10)), max_value=Decimal(10**10), places=4, allow_nan=False)
)
def test_format_then_parse_is_the_same_figure(value):
    assert parse_value(format_value(value)) == value


def test_target_text_names_every_part():
    target = TargetData(
        name="観光入込客数",
        unit="万人",
        baseline_value=Decimal(120),
        values=((2026, Decimal(130)),),
        final_year=2030,
        final_value=Decimal(150),
        source="県統計",
        better=Better.LOWER,
    )
    assert target_text(target) == (
        "観光入込客数（万人、低いほどよい）: 基準値 120万人、2026年度 130万人、"
        "最終目標 2030年度 150万人、出典 県統計"
    )
