"""The optional 代表団体 of a bundle's declaration (issue 13): a member's key or nothing."""

import json
from pathlib import Path

import pytest

from filing.bundle import BundleError, dumps_bundle, parse_bundle

VALID = Path(__file__).resolve().parents[2] / "data" / "bundles" / "valid_region.json"


def bundle_with(**declaration) -> str:
    bundle = json.loads(VALID.read_text(encoding="utf-8"))
    bundle["declaration"].update(declaration)
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"


def test_a_representative_names_a_member_and_round_trips_as_written():
    text = bundle_with(representative="kurashiki")

    filing = parse_bundle(text)

    assert filing.declaration.representative == "kurashiki"
    assert dumps_bundle(filing) == text


def test_without_a_representative_nothing_is_written():
    filing = parse_bundle(bundle_with(representative=None))

    assert filing.declaration.representative == ""
    assert "representative" not in dumps_bundle(filing)


@pytest.mark.parametrize("value", ["nobody", "", 3])
def test_a_representative_that_is_not_a_members_key_is_refused_at_its_path(value):
    with pytest.raises(BundleError) as caught:
        parse_bundle(bundle_with(representative=value))

    assert "declaration.representative" in str(caught.value)
