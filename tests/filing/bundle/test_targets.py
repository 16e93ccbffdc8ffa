"""A project's ``targets`` in the region bundle (ADR 0104): read strictly, with JSON paths."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from filing.bundle import BundleError, dumps_bundle, filing_to_bundle, parse_bundle
from filing.data import Better

VALID = Path(__file__).resolve().parents[2] / "data" / "bundles" / "valid_region.json"


def bundle_with(*targets) -> dict:
    bundle = json.loads(VALID.read_text(encoding="utf-8"))
    bundle["vision"]["projects"][0]["targets"] = list(targets)
    return bundle


def target(**changes) -> dict:
    base = {
        "name": "企業立地件数",
        "unit": "社",
        "baseline": {"value": 0, "on": "2026-03-31"},
        "values": [{"fiscal_year": 2026, "value": 2}],
        "final": {"fiscal_year": 2028, "value": 6},
        "source": "県統計",
        "better": "higher",
    }
    return base | changes


def refused(*targets) -> BundleError:
    with pytest.raises(BundleError) as error:
        parse_bundle(bundle_with(*targets))
    return error.value


def test_targets_are_read_into_exact_figures():
    filing = parse_bundle(bundle_with(target(unit="万社", baseline={"value": 12.25, "on": None})))
    (read,) = filing.vision.projects[0].targets
    assert read.baseline_value == Decimal("12.25")
    assert read.baseline_on is None
    assert read.values == ((2026, Decimal(2)),)
    assert (read.final_year, read.final_value, read.better) == (2028, Decimal(6), Better.HIGHER)


def test_better_defaults_to_higher_and_null_objects_read_as_empty():
    read = parse_bundle(bundle_with(target(better=None, baseline=None, final=None)))
    (first,) = read.vision.projects[0].targets
    assert first.better == Better.HIGHER
    assert first.final_year is None and first.baseline_value is None


def test_round_trip_through_the_writer():
    filing = parse_bundle(bundle_with(target(), target(name="割合", unit="%", better="lower")))
    assert parse_bundle(filing_to_bundle(filing)) == filing
    text = dumps_bundle(filing)
    assert parse_bundle(text) == filing and dumps_bundle(parse_bundle(text)) == text


def test_a_project_without_targets_writes_no_key():
    bundle = bundle_with()
    del bundle["vision"]["projects"][0]["targets"]
    written = filing_to_bundle(parse_bundle(bundle))
    assert "targets" not in written["vision"]["projects"][0]


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        ({"better": "up"}, "targets[0].better", "不明な向き"),
        ({"unit": "x" * 21}, "targets[0].unit", "20 文字以内"),
        ({"values": [{"fiscal_year": "2026", "value": 1}]}, "values[0].fiscal_year", "年度"),
        ({"values": [{"fiscal_year": 2026}]}, "values[0].value", "value（数値）"),
        ({"values": [{"fiscal_year": 1800, "value": 1}]}, "values[0].fiscal_year", "1900"),
        ({"values": [{"fiscal_year": 2026, "value": "1"}]}, "values[0].value", "数値を指定"),
        ({"values": [{"fiscal_year": 2026, "value": -1}]}, "values[0].value", "マイナス"),
        ({"values": [{"fiscal_year": 2026, "value": 1.5}]}, "values[0].value", "整数"),
        ({"final": {"fiscal_year": 2028, "value": 1e16}}, "final.value", "兆以下"),
        ({"baseline": {"value": 0.00001}}, "baseline.value", "小数は 4 桁"),
        ({"extra": 1}, "targets[0].extra", "不明なキー"),
        ({"final": {"year": 2028}}, "final.year", "不明なキー"),
    ],
)
def test_bad_targets_are_input_errors_at_their_path(changes, path, words):
    error = refused(target(**changes))
    assert error.path.startswith("vision.projects[0].targets[0]")
    assert error.path.endswith(path)
    assert words in error.message


def test_a_percentage_over_100_is_refused_unless_the_unit_names_its_basis():
    error = refused(target(unit="%", values=[{"fiscal_year": 2026, "value": 120}]))
    assert error.path == "vision.projects[0].targets[0].values[0].value"
    assert "0〜100" in error.message
    parse_bundle(
        bundle_with(target(unit="%（前年度比）", values=[{"fiscal_year": 2026, "value": 120}]))
    )


def test_the_same_year_twice_is_an_input_error_at_the_second():
    twice = [{"fiscal_year": 2026, "value": 1}, {"fiscal_year": 2026, "value": 2}]
    error = refused(target(values=twice))
    assert error.path == "vision.projects[0].targets[0].values[1].fiscal_year"
    assert "values[0] と重複" in error.message


def test_limits_are_checked_before_any_target_is_read():
    error = refused(*([None] * 21))
    assert error.path == "vision.projects[0].targets"
    assert "20 件以内" in error.message
    many = [{"fiscal_year": 1900 + i, "value": i} for i in range(101)]
    assert refused(target(values=many)).path == "vision.projects[0].targets[0].values"


def test_values_are_kept_by_fiscal_year():
    values = [{"fiscal_year": 2027, "value": 4}, {"fiscal_year": 2026, "value": 2}]
    (read,) = parse_bundle(bundle_with(target(values=values))).vision.projects[0].targets
    assert [year for year, _ in read.values] == [2026, 2027]
