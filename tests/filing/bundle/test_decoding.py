"""Bytes, text and files into JSON (``filing.bundle.decoding``): encodings, size, syntax; no database."""

import json
from pathlib import Path

import pytest

from filing.bundle import MAX_BUNDLE_BYTES, BundleError, parse_bundle, read_bundle_file
from tests.filing.bundle.samples import BUNDLES, VALID_TEXT, error_of, valid


@pytest.mark.parametrize(
    "data",
    [
        VALID_TEXT.encode("utf-8"),
        "\ufeff" + VALID_TEXT,
        b"\xef\xbb\xbf" + VALID_TEXT.encode("utf-8"),
        bytearray(VALID_TEXT.encode("utf-8")),
    ],
    ids=["bytes", "str-with-bom", "bytes-with-bom", "bytearray"],
)
def test_bytes_and_byte_order_mark_are_accepted(data):
    assert parse_bundle(data) == parse_bundle(VALID_TEXT)


def test_a_bundle_of_exactly_the_size_limit_is_accepted():
    text = VALID_TEXT.encode("utf-8")
    padded = text + b" " * (MAX_BUNDLE_BYTES - len(text))
    assert len(padded) == MAX_BUNDLE_BYTES
    assert parse_bundle(padded) == parse_bundle(VALID_TEXT)


# --- input errors in the raw text --------------------------------------------------------------

RAW_ERRORS = [
    ("malformed-json", b'{"region": {,}}', "$", "JSON として読めません（1 行 13 列）"),
    (
        "missing-comma-on-line-three",
        b'{\n  "region": {"name": "x"},\n  "declaration": {} "members": []\n}',
        "$",
        "（3 行 21 列）: 「,」がありません",
    ),
    ("empty-input", b"", "$", "値がありません"),
    ("trailing-data", b"{} {}", "$", "余分なデータ"),
    ("nan", b'{"region": NaN}', "$", "NaN は JSON の値として使えません"),
    ("infinity", b'{"region": -Infinity}', "$", "-Infinity"),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "$", "入れ子が深すぎます"),
    ("huge-integer-literal", b'{"members": ' + b"9" * 5000 + b"}", "$", "JSON として読めません"),
    (
        "duplicate-key",
        b'{"region": {"name": "a", "name": "b"}, "declaration": {}, "members": []}',
        "region.name",
        'キー "name" が重複',
    ),
    (
        "duplicate-top-key",
        b'{"members": [], "region": {}, "declaration": {}, "members": []}',
        "members",
        'キー "members" が重複',
    ),
    (
        "json-array",
        b"[]",
        "$",
        "最上位は JSON オブジェクトにしてください（配列 が指定されています）",
    ),
    ("json-null", b"null", "$", "null が指定されています"),
]


@pytest.mark.parametrize(
    ("raw", "path", "fragment"),
    [case[1:] for case in RAW_ERRORS],
    ids=[case[0] for case in RAW_ERRORS],
)
def test_raw_input_error_is_reported_with_its_position(raw, path, fragment):
    for data in (raw, raw.decode("utf-8")):
        error = error_of(data)
        assert error.path == path
        assert fragment in error.message


def test_duplicate_fiscal_year_in_json_text_is_refused():
    bundle = valid()
    text = json.dumps(bundle, ensure_ascii=False).replace(
        '"2027": 100000000', '"2026": 1, "2027": 100000000'
    )
    error = error_of(text)
    assert error.path == 'vision.projects[0].budget.by_fiscal_year["2026"]'
    assert '年度 "2026" が重複' in error.message


def test_non_utf8_bytes_are_refused_with_the_byte_offset():
    data = json.dumps(valid(), ensure_ascii=False).encode("shift_jis")
    error = error_of(data)
    assert error.path == "$"
    assert "UTF-8 として読めません" in error.message
    offset = data.index(b'"region": {"name": "') + len(b'"region": {"name": "') + 1
    assert f"{offset} バイト目" in error.message


def test_input_larger_than_five_megabytes_is_refused_naming_the_limit():
    text = VALID_TEXT.encode("utf-8")
    over = text + b" " * (MAX_BUNDLE_BYTES + 1 - len(text))
    for data in (over, over.decode("utf-8")):
        error = error_of(data)
        assert error.path == "$"
        assert "5,242,880 バイト" in error.message
        assert "5 MB" in error.message


# --- files -------------------------------------------------------------------------------------


def test_read_bundle_file_reads_the_sample():
    assert read_bundle_file(BUNDLES / "valid_region.json") == parse_bundle(VALID_TEXT)
    assert read_bundle_file(str(BUNDLES / "valid_region.json")) == parse_bundle(VALID_TEXT)


def test_read_bundle_file_refuses_a_file_just_over_the_limit(tmp_path):
    path = tmp_path / "big.json"
    text = VALID_TEXT.encode("utf-8")
    path.write_bytes(text + b" " * (MAX_BUNDLE_BYTES + 1 - len(text)))
    with pytest.raises(BundleError, match="5 MB"):
        read_bundle_file(path)
    path.write_bytes(text + b" " * (MAX_BUNDLE_BYTES - len(text)))
    assert read_bundle_file(path) == parse_bundle(VALID_TEXT)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_read_bundle_file_stops_reading_at_the_limit():
    # An endless file: reading it whole would never return.
    with pytest.raises(BundleError, match="5 MB"):
        read_bundle_file("/dev/zero")


def test_read_bundle_file_turns_file_problems_into_bundle_errors(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(BundleError) as caught:
        read_bundle_file(missing)
    assert caught.value.path == "$"
    assert "がありません" in caught.value.message

    with pytest.raises(BundleError) as caught:
        read_bundle_file(tmp_path)
    assert "ディレクトリ" in caught.value.message

    sjis = tmp_path / "sjis.json"
    sjis.write_bytes(VALID_TEXT.encode("shift_jis"))
    with pytest.raises(BundleError, match="UTF-8 として読めません"):
        read_bundle_file(sjis)
