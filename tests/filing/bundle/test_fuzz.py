"""Property-based fuzzing of the bundle reader and of the text cleaner (hypothesis).

Any JSON value put at any path of a valid bundle (or a key deleted, or an unknown key
added) gives either a clean ``Filing`` (every text in it already clean, and written back
it reads the same) or a ``BundleError`` with a Japanese message and a JSON path that can
be printed; never another exception. ``manage.py check_region`` on such a file exits
0, 1 or 2, never with a traceback. Bounded (``max_examples``) so that the whole file runs
in a few seconds; no example database is written.
"""

import dataclasses
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filing.bundle import BundleError, filing_to_bundle, parse_bundle
from filing.text import TextRefused, clean_text, is_clean, scrub
from tests.filing.bundle.samples import VALID, valid

ROOT = Path(__file__).resolve().parents[3]
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
PATH = re.compile(r"\A(\$|[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]]*\])*")
# What a refused text or a removed character looks like, and values the format uses.
NASTY = ["\x00", "\ud800", "\udfff", "\x0b", "\x1b", "\x85", "\u2028", "\r\n", "\ufffe", ""]
FORMAT_WORDS = [
    "okayama", "keizai", "company", "prefecture", "economic_organization", "other",
    "industry", "changed", "abolished", "2026-04-01", "2999-12-31", "1899-12-31",
    "2026-02-30", "33", "48", "2026", "330001",
]  # fmt: skip
EVERY_CHARACTER = st.characters(exclude_categories=())  # surrogates and controls included
FUZZ = settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


PATHS = list(_paths(VALID))


def _at(document, path):
    for step in path:
        document = document[step]
    return document


CONTAINERS = [path for path in PATHS if isinstance(_at(VALID, path), dict | list)]

strings = st.one_of(
    st.text(EVERY_CHARACTER, max_size=30),
    st.sampled_from(NASTY + FORMAT_WORDS),
    st.tuples(st.sampled_from(FORMAT_WORDS), st.sampled_from(NASTY)).map("".join),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    strings,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(strings, children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_bundles(draw):
    """A valid bundle with one place changed: a value replaced, a key deleted or added,
    an item appended to a list; sometimes a second place too."""
    bundle = valid()
    for _round in range(draw(st.integers(min_value=1, max_value=2))):
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace" or action == "delete":
            path = draw(st.sampled_from(PATHS))
            try:
                parent = _at(bundle, path[:-1])
                parent[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue
            if not path:
                bundle = draw(json_values)
            elif action == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(json_values)
        else:
            path = draw(st.sampled_from(CONTAINERS))
            try:
                target = _at(bundle, path)
            except (KeyError, IndexError, TypeError):
                continue
            if isinstance(target, dict):
                target[draw(strings)] = draw(json_values)
            elif isinstance(target, list):
                target.append(draw(json_values))
    return bundle


def _texts(value):
    """Every string held by a Filing (dataclasses, tuples, enums excluded)."""
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str) and type(value) is str:
        yield value


def _assert_reads_cleanly_or_refuses_with_a_path(data):
    try:
        filing = parse_bundle(data)
    except BundleError as error:
        assert isinstance(error.path, str) and PATH.match(error.path), error.path
        assert JAPANESE.search(error.message), error.message
        str(error).encode("utf-8")  # printable, storable, sendable
        return None
    for text in _texts(filing):
        assert is_clean(text), repr(text)
    assert parse_bundle(filing_to_bundle(filing)) == filing
    return filing


@FUZZ
@given(mutated_bundles())
def test_any_value_anywhere_reads_cleanly_or_is_an_input_error_with_a_path(bundle):
    _assert_reads_cleanly_or_refuses_with_a_path(bundle)


@FUZZ
@given(mutated_bundles())
def test_the_same_bundle_as_json_bytes_behaves_the_same(bundle):
    try:
        text = json.dumps(bundle, ensure_ascii=True)  # lone surrogates as \ud800 escapes
    except ValueError:
        return
    _assert_reads_cleanly_or_refuses_with_a_path(text.encode("utf-8"))


@FUZZ
@given(st.binary(max_size=200) | st.text(EVERY_CHARACTER, max_size=200))
def test_any_bytes_or_text_is_read_or_refused_at_the_root(data):
    _assert_reads_cleanly_or_refuses_with_a_path(data)


# --- the text cleaner ---------------------------------------------------------------------------

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(EVERY_CHARACTER), st.booleans())
def test_the_cleaner_leaves_no_forbidden_character_and_is_idempotent(text, multiline):
    try:
        cleaned = clean_text(text, multiline=multiline)
    except TextRefused as error:
        assert text[error.index] in "\x00" or 0xD800 <= ord(text[error.index]) <= 0xDFFF
        error.message.encode("utf-8")
        cleaned = scrub(text, multiline=multiline)
    assert not FORBIDDEN.search(cleaned), repr(cleaned)
    assert multiline or ("\n" not in cleaned and "\t" not in cleaned)
    assert clean_text(cleaned, multiline=multiline) == cleaned
    assert scrub(cleaned, multiline=multiline) == cleaned
    cleaned.encode("utf-8")


# --- manage.py check_region on fuzzed files -----------------------------------------------------


def _check_region(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_region", str(path), stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(bundle=mutated_bundles())
def test_check_region_on_any_fuzzed_file_exits_0_1_or_2(tmp_path, bundle):
    try:
        text = json.dumps(bundle, ensure_ascii=False)
        data = text.encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        data = json.dumps(bundle, ensure_ascii=True).encode("utf-8")
    path = tmp_path / "fuzzed.json"
    path.write_bytes(data)

    code, out, err = _check_region(path)

    assert code in (0, 1, 2), (code, err)
    if code == 2:
        assert out == "" and JAPANESE.search(err), err
    err.encode("utf-8")
    out.encode("utf-8")


@pytest.mark.parametrize(
    ("name", "value"),
    [("nul", "瀬戸内\\u0000"), ("surrogate", "瀬戸内\\ud800"), ("surrogate-key", None)],
)
def test_check_region_in_a_real_process_refuses_broken_text_without_a_traceback(
    tmp_path, name, value
):
    text = json.dumps(valid(), ensure_ascii=False)
    if value is None:
        text = text.replace('"area_note"', '"\\udfff"', 1)
    else:
        text = text.replace("瀬戸内広域リージョン", value, 1)
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "manage.py", "check_region", str(path)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "region_portal.settings.test"},
        capture_output=True,
        timeout=120,
    )

    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert "region" in stderr and "入力エラー" in stderr
