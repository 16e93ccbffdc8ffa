"""The sample bundles the bundle tests start from, and small helpers over them."""

import copy
import json
from pathlib import Path

import pytest

from filing.bundle import BundleError, parse_bundle

BUNDLES = Path(__file__).resolve().parents[2] / "data" / "bundles"
VALID_TEXT = (BUNDLES / "valid_region.json").read_text(encoding="utf-8")
VALID = json.loads(VALID_TEXT)


def valid():
    return copy.deepcopy(VALID)


def error_of(data) -> BundleError:
    with pytest.raises(BundleError) as caught:
        parse_bundle(data)
    return caught.value


def member_index(bundle, key):
    return next(i for i, m in enumerate(bundle["members"]) if m["key"] == key)
