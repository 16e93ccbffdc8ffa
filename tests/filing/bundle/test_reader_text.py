"""Text in a bundle goes through the one cleaner (filing.text) before the rules run:
NUL and lone surrogates are input errors at their JSON path; invisible controls are
removed; line breaks are line feeds (a space in a single-line text)."""

import json

import pytest

from filing.bundle import BundleError, parse_bundle
from tests.filing.bundle.samples import error_of, valid

P0 = ["vision", "projects", 0]


def _at(bundle, path, value):
    target = bundle
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return bundle


@pytest.mark.parametrize(
    ("path", "where"),
    [
        (["region", "name"], "region.name"),
        (["declaration", "aspiration"], "declaration.aspiration"),
        (["members", 0, "name"], "members[0].name"),
        (["members", 0, "key"], "members[0].key"),
        ([*P0, "milestones", 0, "target"], "vision.projects[0].milestones[0].target"),
        ([*P0, "plan_references", 0, "section"], "vision.projects[0].plan_references[0].section"),
        (["declaration", "fields", 3, "other"], "declaration.fields[3].other"),
    ],
)
@pytest.mark.parametrize(("bad", "words"), [("\x00", "NUL（U+0000）"), ("\ud800", "U+D800")])
def test_nul_and_lone_surrogates_are_input_errors_at_their_path(path, where, bad, words):
    bundle = _at(valid(), path, f"瀬戸内{bad}")

    error = error_of(bundle)

    assert error.path == where
    assert words in error.message
    str(error).encode("utf-8")


def test_a_lone_surrogate_written_as_an_escape_in_the_json_text_is_refused():
    text = json.dumps(valid(), ensure_ascii=False).replace("瀬戸内広域リージョン", "瀬戸内\\ud800")

    with pytest.raises(BundleError) as caught:
        parse_bundle(text.encode("utf-8"))

    assert caught.value.path == "region.name"


def test_a_lone_surrogate_in_a_key_or_a_code_is_quoted_printably():
    bundle = valid()
    bundle["region"]["\ud800"] = "x"
    bundle["members"][0]["kind"] = "\udfff"

    error = error_of(bundle)

    assert "\\ud800" in str(error)
    str(error).encode("utf-8")
    bundle = valid()
    bundle["members"][0]["kind"] = "\udfff"
    str(error_of(bundle)).encode("utf-8")


def test_invisible_controls_are_removed_and_line_breaks_normalised():
    bundle = valid()
    bundle["region"]["name"] = "瀬戸内\x0b広域\x1bリージョン"
    bundle["declaration"]["aspiration"] = "一行目\r\n二行目\x0b三行目\x7f"
    bundle["vision"]["projects"][0]["milestones"][0]["target"] = "拠点\tの\u2028開設"

    filing = parse_bundle(bundle)

    assert filing.declaration.region_name == "瀬戸内 広域リージョン"
    assert filing.declaration.aspiration == "一行目\n二行目\n三行目"
    assert filing.vision.projects[0].milestones[0].target == "拠点 の 開設"


def test_a_member_reference_is_cleaned_like_the_key_it_names():
    bundle = valid()
    bundle["members"][0]["key"] = "oka\x1byama"

    filing = parse_bundle(bundle)

    assert filing.members[0].key == "okayama"
    assert filing.vision.projects[0].implementers[0].member == "okayama"


def test_the_length_limit_counts_the_cleaned_text():
    bundle = valid()
    bundle["region"]["name"] = "あ" * 200 + "\x1b" * 50

    assert parse_bundle(bundle).declaration.region_name == "あ" * 200
