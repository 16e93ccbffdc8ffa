"""A project's ``cluster_type`` and ``strategic_fields`` in the region bundle (ADR 0121)."""

import json
from pathlib import Path

import pytest

from filing.bundle import BundleError, dumps_bundle, filing_to_bundle, parse_bundle
from filing.diff import diff_filings

VALID = Path(__file__).resolve().parents[2] / "data" / "bundles" / "valid_region.json"


def bundle_with(**keys) -> dict:
    bundle = json.loads(VALID.read_text(encoding="utf-8"))
    bundle["vision"]["projects"][0].update(keys)
    return bundle


def refused(**keys) -> BundleError:
    with pytest.raises(BundleError) as error:
        parse_bundle(bundle_with(**keys))
    return error.value


def test_both_are_read_in_canonical_order_and_round_trip():
    filing = parse_bundle(
        bundle_with(
            cluster_type="strategic_industry_cluster", strategic_fields=["quantum", "shipbuilding"]
        )
    )
    project = filing.vision.projects[0]
    assert project.cluster_type == "strategic_industry_cluster"
    assert project.strategic_fields == ("shipbuilding", "quantum")
    written = filing_to_bundle(filing)["vision"]["projects"][0]
    assert written["cluster_type"] == "strategic_industry_cluster"
    assert written["strategic_fields"] == ["shipbuilding", "quantum"]
    assert parse_bundle(filing_to_bundle(filing)) == filing
    text = dumps_bundle(filing)
    assert dumps_bundle(parse_bundle(text)) == text


def test_left_out_null_or_empty_mean_none_and_export_as_before():
    before = parse_bundle(VALID.read_text(encoding="utf-8"))
    assert before.vision.projects[0].cluster_type == ""
    assert before.vision.projects[0].strategic_fields == ()
    written = filing_to_bundle(before)["vision"]["projects"][0]
    assert "cluster_type" not in written and "strategic_fields" not in written
    assert parse_bundle(bundle_with(cluster_type=None, strategic_fields=[])) == before


@pytest.mark.parametrize(
    ("keys", "path", "words"),
    [
        ({"cluster_type": "tourism"}, "vision.projects[0].cluster_type", "不明な類型"),
        ({"cluster_type": 1}, "vision.projects[0].cluster_type", "類型のコード"),
        (
            {"strategic_fields": ["robots"]},
            "vision.projects[0].strategic_fields[0]",
            "不明な戦略分野",
        ),
        (
            {"strategic_fields": ["ocean", "ocean"]},
            "vision.projects[0].strategic_fields[1]",
            "重複",
        ),
        (
            {"strategic_fields": ["量子"]},
            "vision.projects[0].strategic_fields[0]",
            "不明な戦略分野",
        ),
        ({"strategic_fields": [2]}, "vision.projects[0].strategic_fields[0]", "戦略分野のコード"),
        ({"strategic_fields": None}, "vision.projects[0].strategic_fields", "配列"),
        ({"strategic_fields": ["ocean"] * 41}, "vision.projects[0].strategic_fields", "40 件以内"),
    ],
)
def test_bad_values_are_input_errors_with_their_json_path(keys, path, words):
    error = refused(**keys)
    assert error.path == path
    assert words in error.message


def test_the_diff_names_a_changed_type_and_changed_fields():
    old = parse_bundle(bundle_with(strategic_fields=["quantum"]))
    new = parse_bundle(
        bundle_with(cluster_type="regional_industry_cluster", strategic_fields=["ocean"])
    )
    diff = diff_filings(old, new)
    changes = {c.path: c for p in diff.projects_changed for c in p.text_changes}
    assert "vision.projects[0].cluster_type" in changes
    assert "vision.projects[0].strategic_fields" in changes
