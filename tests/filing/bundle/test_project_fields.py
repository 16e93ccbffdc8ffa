"""A project's own ``fields`` in the region bundle (ADR 0115): read strictly, written back."""

import json
from pathlib import Path

import pytest

from filing.bundle import BundleError, dumps_bundle, filing_to_bundle, parse_bundle
from filing.data import FieldCode

VALID = Path(__file__).resolve().parents[2] / "data" / "bundles" / "valid_region.json"


def bundle_with(fields) -> dict:
    bundle = json.loads(VALID.read_text(encoding="utf-8"))
    bundle["vision"]["projects"][0]["fields"] = fields
    return bundle


def refused(fields) -> BundleError:
    with pytest.raises(BundleError) as error:
        parse_bundle(bundle_with(fields))
    return error.value


def test_fields_are_read_in_the_order_of_the_yoko():
    filing = parse_bundle(bundle_with(["other", "tourism", "industry"]))
    assert filing.vision.projects[0].fields == (
        FieldCode.INDUSTRY,
        FieldCode.TOURISM,
        FieldCode.OTHER,
    )


def test_fields_left_out_or_empty_mean_none_and_export_as_before():
    text = VALID.read_text(encoding="utf-8")
    before = parse_bundle(text)
    assert before.vision.projects[0].fields == ()
    assert "fields" not in filing_to_bundle(before)["vision"]["projects"][0]
    assert parse_bundle(bundle_with([])) == before
    # a bundle without project fields is written exactly as before
    assert dumps_bundle(before) == dumps_bundle(parse_bundle(dumps_bundle(before)))


def test_fields_round_trip_in_canonical_form_right_after_the_name():
    filing = parse_bundle(bundle_with(["tourism", "industry"]))
    project = filing_to_bundle(filing)["vision"]["projects"][0]
    assert project["fields"] == ["industry", "tourism"]
    assert list(project)[:3] == ["name", "fields", "implementers"]
    assert parse_bundle(filing_to_bundle(filing)) == filing
    text = dumps_bundle(filing)
    assert dumps_bundle(parse_bundle(text)) == text


@pytest.mark.parametrize(
    ("fields", "path", "words"),
    [
        (["sports"], "vision.projects[0].fields[0]", "不明な分野"),
        (["industry", "industry"], "vision.projects[0].fields[1]", "重複"),
        ([{"other": "スポーツ"}], "vision.projects[0].fields[0]", '"other" とだけ'),
        ([3], "vision.projects[0].fields[0]", "分野のコード"),
        (None, "vision.projects[0].fields", "配列"),
        ("industry", "vision.projects[0].fields", "配列"),
        (["industry"] * 5, "vision.projects[0].fields", "4 件以内"),
    ],
)
def test_bad_fields_are_input_errors_with_their_json_path(fields, path, words):
    error = refused(fields)
    assert error.path == path
    assert words in error.message
