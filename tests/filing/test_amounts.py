"""Amounts as people write them (filing.amounts, ADR 0097): 全角, commas, 億/万/千, 円/千円,
whole yen only, clear reasons; formatting for a cell reads back to the same amount."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filing.amounts import (
    FRACTION,
    INVALID,
    NEGATIVE,
    THOUSAND_YEN,
    TOO_LARGE,
    YEN,
    AmountError,
    format_amount,
    parse_amount,
)
from filing.bundle.limits import MAX_AMOUNT


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("180000000", 180_000_000),
        ("180,000,000", 180_000_000),
        ("１２３", 123),
        ("１，２３４", 1234),
        ("1，234", 1234),
        (" 1 234 567 ", 1_234_567),
        ("　１２３　", 123),
        ("1,234円", 1234),
        ("¥1,234", 1234),
        ("￥１，２３４", 1234),
        ("1億8千万", 180_000_000),
        ("1億8000万円", 180_000_000),
        ("１億８千万円", 180_000_000),
        ("3千万", 30_000_000),
        ("1.5億", 150_000_000),
        ("180,000千円", 180_000_000),
        ("百万円", 1_000_000),
        ("一億八千万円", 180_000_000),
        ("2億5千3百万4千円", 253_004_000),
        ("1兆2億", 1_000_200_000_000),
        ("15000万", 150_000_000),
        ("千百十一", 1111),
        ("0", 0),
        ("0円", 0),
        ("1000000000000000", MAX_AMOUNT),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_amounts_are_read_as_people_write_them(typed, expected):
    assert parse_amount(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("180,000", 180_000_000),
        ("１８０，０００", 180_000_000),
        ("1.5", 1500),
        ("1,234.567", 1_234_567),
        # a number that states its own unit is read as written
        ("1億8千万", 180_000_000),
        ("3千万", 30_000_000),
        ("180,000千円", 180_000_000),
        ("1,500円", 1500),
    ],
)
def test_a_bare_number_counts_in_thousands_of_yen_when_the_column_says_so(typed, expected):
    assert parse_amount(typed, unit=THOUSAND_YEN) == expected


@pytest.mark.parametrize(
    ("typed", "unit", "reason"),
    [
        ("-1", YEN, NEGATIVE),
        ("−1,000", YEN, NEGATIVE),
        ("▲500", YEN, NEGATIVE),
        ("△500", YEN, NEGATIVE),
        ("マイナス3万", YEN, NEGATIVE),
        ("abc", YEN, INVALID),
        ("百万ドル", YEN, INVALID),
        ("円", YEN, INVALID),
        ("1.2.3", YEN, INVALID),
        ("1e5", YEN, INVALID),
        ("万", YEN, INVALID),
        ("1万2億", YEN, INVALID),
        ("1億20000万", YEN, INVALID),
        ("3千5000", YEN, INVALID),
        ("百千", YEN, INVALID),
        ("1二", YEN, INVALID),
        (".5", YEN, INVALID),
        ("1.5", YEN, FRACTION),
        ("0.5円", YEN, FRACTION),
        ("1.2345", THOUSAND_YEN, FRACTION),
        ("1.5円", THOUSAND_YEN, FRACTION),
        ("1000000000000001", YEN, TOO_LARGE),
        ("1,000,000,000,001", THOUSAND_YEN, TOO_LARGE),
        ("1" * 5000, YEN, TOO_LARGE),
        ("1001兆", YEN, TOO_LARGE),
    ],
)
def test_what_cannot_be_read_says_why(typed, unit, reason):
    with pytest.raises(AmountError) as raised:
        parse_amount(typed, unit=unit)
    assert raised.value.reason == reason


def test_the_message_names_the_field():
    with pytest.raises(AmountError) as raised:
        parse_amount("たくさん")
    assert raised.value.message("令和8年度の金額") == (
        "令和8年度の金額: 数字で入力してください（例: 1億8千万、180000000）"
    )


def test_an_unknown_unit_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown unit"):
        parse_amount("1", unit=10)


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        (180_000_000, YEN, "180,000,000"),
        (180_000_000, THOUSAND_YEN, "180,000"),
        (1_234_567, THOUSAND_YEN, "1,234.567"),
        (1_500, THOUSAND_YEN, "1.5"),
        (10, THOUSAND_YEN, "0.01"),
        (0, THOUSAND_YEN, "0"),
        (None, YEN, ""),
    ],
)
def test_an_amount_is_written_for_its_cell(amount, unit, shown):
    assert format_amount(amount, unit) == shown


amounts = st.integers(min_value=0, max_value=MAX_AMOUNT)
units = st.sampled_from([YEN, THOUSAND_YEN])


@given(amounts, units)
def test_a_formatted_amount_reads_back_to_itself(amount, unit):
    assert parse_amount(format_amount(amount, unit), unit=unit) == amount


@given(amounts)
def test_an_amount_written_in_full_width_with_yen_reads_back(amount):
    typed = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "，" for c in f"{amount:,}") + "円"
    assert parse_amount(typed, unit=THOUSAND_YEN) == amount


@given(amounts)
def test_an_amount_written_with_oku_and_man_reads_back(amount):
    cho, rest = divmod(amount, 10**12)
    oku, rest = divmod(rest, 10**8)
    man, ichi = divmod(rest, 10**4)
    parts = [(cho, "兆"), (oku, "億"), (man, "万"), (ichi, "")]
    typed = "".join(f"{n}{word}" for n, word in parts if n) or "0"
    assert parse_amount(typed + "円") == amount
    assert parse_amount(typed, unit=THOUSAND_YEN) == (amount if amount >= 10**4 else amount * 1000)
