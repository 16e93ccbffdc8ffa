"""The optional English name and summary of a region in the bundle (``region.name_en``,
``declaration.aspiration_en``, ADR 0124): read, written back only when given, limited, and
compared by the diff like the other texts of the declaration."""

import copy
from dataclasses import replace

import pytest

from filing.bundle import BundleError, filing_to_bundle, parse_bundle
from filing.bundle.keys import DECLARATION_KEYS, REGION_KEYS
from filing.diff import diff_filings
from tests.filing.bundle.samples import VALID


def with_english(name="Setouchi Regional Alliance", summary="A sea of islands.\nWorking together."):
    bundle = copy.deepcopy(VALID)
    bundle["region"] = {
        "name": VALID["region"]["name"],
        **({"name_kana": VALID["region"]["name_kana"]} if "name_kana" in VALID["region"] else {}),
        "name_en": name,
        "area_note": VALID["region"]["area_note"],
    }
    declaration = {}
    for key, value in VALID["declaration"].items():
        declaration[key] = value
        if key == "aspiration":
            declaration["aspiration_en"] = summary
    bundle["declaration"] = declaration
    return bundle


def test_the_english_name_and_summary_round_trip_in_the_keys_order():
    bundle = with_english()

    filing = parse_bundle(bundle)

    assert filing.declaration.region_name_en == "Setouchi Regional Alliance"
    assert filing.declaration.aspiration_en == "A sea of islands.\nWorking together."
    assert filing_to_bundle(filing) == bundle
    assert list(filing_to_bundle(filing)["region"]) == [
        k for k in REGION_KEYS if k in bundle["region"]
    ]
    assert list(filing_to_bundle(filing)["declaration"])[:3] == list(DECLARATION_KEYS[:3])


def test_a_bundle_without_english_stays_without():
    written = filing_to_bundle(parse_bundle(VALID))

    assert "name_en" not in written["region"]
    assert "aspiration_en" not in written["declaration"]


@pytest.mark.parametrize(
    ("name", "summary", "path"),
    [
        ("x" * 201, "", "region.name_en"),
        ("Setouchi", "x" * 2001, "declaration.aspiration_en"),
    ],
)
def test_too_long_english_is_refused_at_its_path(name, summary, path):
    with pytest.raises(BundleError) as refused:
        parse_bundle(with_english(name, summary))

    assert refused.value.path == path


def test_the_english_name_is_one_line_as_the_japanese_name_is():
    filing = parse_bundle(with_english("Setouchi\nRegion"))

    assert "\n" not in filing.declaration.region_name_en
    assert "\n" in filing.declaration.aspiration_en


def test_the_english_name_must_be_text():
    bundle = with_english()
    bundle["region"]["name_en"] = 3

    with pytest.raises(BundleError) as refused:
        parse_bundle(bundle)

    assert refused.value.path == "region.name_en"


def test_the_diff_shows_a_changed_english_name_and_summary():
    old = parse_bundle(VALID)
    new = replace(
        old,
        declaration=replace(
            old.declaration, region_name_en="Setouchi", aspiration_en="Islands together."
        ),
    )

    changes = {change.path: change for change in diff_filings(old, new).text_changes}

    assert changes["region.name_en"].new == "Setouchi" and changes["region.name_en"].old == ""
    assert changes["declaration.aspiration_en"].new == "Islands together."
    assert str(changes["region.name_en"].item) == "名称（英語）"
