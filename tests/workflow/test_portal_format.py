"""{% load portal_format %}: the template filters write through filing.formatting (ADR 0080)."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template


def render(text: str, **context) -> str:
    return Template("{% load portal_format %}" + text).render(Context(context))


def test_dates_are_written_in_wareki():
    assert render("{{ day|wareki }}", day=date(2019, 5, 1)) == "令和元年5月1日"
    assert render("{{ day|wareki_month }}", day=date(2026, 4, 1)) == "令和8年4月"
    # 15:00 UTC on 31 March is 1 April in Japan, whatever the active time zone.
    assert render("{{ at|wareki }}", at=datetime(2027, 3, 31, 15, tzinfo=UTC)) == "令和9年4月1日"


def test_fiscal_years_in_wareki_and_seireki():
    assert render("{{ year|nendo }}", year=2026) == "令和8年度"
    assert render("{{ year|nendo }}", year="2019") == "令和元年度"
    assert render("{{ day|nendo }}", day=date(2027, 3, 31)) == "令和8年度"
    assert render("{{ day|nendo }}", day=date(2027, 4, 1)) == "令和9年度"
    assert render("{{ year|seireki_nendo }}", year=2026) == "2026年度"


@pytest.mark.parametrize(
    ("template", "amount", "expected"),
    [
        ("{{ amount|yen }}", 1_234_567, "1,234,567円"),
        ("{{ amount|yen }}", 0, "0円"),
        ("{{ amount|yen }}", -1_000, "-1,000円"),
        ("{{ amount|yen }}", "5000", "5,000円"),
        ("{{ amount|signed_yen }}", 1_000, "+1,000円"),
        ("{{ amount|signed_yen }}", -1_000, "−1,000円"),
        ("{{ amount|signed_yen }}", 0, "±0円"),
        ("{{ amount|short_yen }}", 24_570_000_000, "245.7億円"),
        ("{{ amount|short_yen }}", 3_000_000, "300万円"),
    ],
)
def test_amounts_in_yen(template, amount, expected):
    assert render(template, amount=amount) == expected


@pytest.mark.parametrize(
    "name", ["wareki", "wareki_month", "nendo", "seireki_nendo", "yen", "signed_yen", "short_yen"]
)
def test_an_empty_value_gives_nothing(name):
    assert render(f"[{{{{ value|{name} }}}}]", value=None) == "[]"
    assert render(f"[{{{{ value|{name} }}}}]", value="") == "[]"


def test_an_empty_value_can_fall_back_to_a_default():
    assert render('{{ amount|yen|default:"—" }}', amount=None) == "—"


def test_unreadable_values_are_shown_as_they_are():
    assert render("{{ value|yen }}", value="abc") == "abc"
    assert render("{{ value|signed_yen }}", value="abc") == "abc"
    assert render("{{ value|nendo }}", value="abc") == "abc"
    assert render("{{ value|wareki }}", value="abc") == "abc"
    assert render("{{ day|wareki }}", day=date(1800, 1, 1)) == "1800年1月1日"  # as Django shows it


def test_the_old_libraries_no_longer_format():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load wareki %}")
    with pytest.raises(TemplateSyntaxError):
        Template("{% load review_tags %}{{ 1|yen }}")
    with pytest.raises(TemplateSyntaxError):
        Template("{% load public_tags %}{{ 1|jdate }}")
