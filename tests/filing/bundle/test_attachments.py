"""The attachments a bundle lists (filing.bundle.attachments, ADR 0120) and the revision's
協議を行った会議体等 (``revision.consultation_body``)."""

import hashlib
import json

import pytest

from filing.bundle import (
    BundleError,
    check_file,
    dumps_bundle,
    filing_to_bundle,
    has_consultation_record,
    parse_bundle,
    parse_bundle_listing,
)
from tests.filing.bundle.samples import VALID_TEXT, error_of, valid

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
SHA = hashlib.sha256(PDF).hexdigest()


def entry(**changes):
    return {
        "title": "第5回推進会議 議事録",
        "kind": "consultation_record",
        "public": False,
        "name": "議事録.pdf",
        "media_type": "application/pdf",
        "size": len(PDF),
        "sha256": SHA,
    } | changes


def listed_bundle():
    bundle = valid()
    bundle["vision"]["attachments"] = [entry()]
    bundle["vision"]["projects"][1]["attachments"] = [
        entry(kind="reference", title="地図", public=True, name="地図.pdf")
    ]
    bundle["declaration"]["attachments"] = [entry(kind="signed_declaration", title="宣言書")]
    return bundle


def test_listing_is_read_beside_the_filing_in_bundle_order():
    filing, listing = parse_bundle_listing(listed_bundle())
    assert filing == parse_bundle(VALID_TEXT)  # the listing is not part of the filing
    assert [(item.path, item.document, item.project, item.kind) for item in listing] == [
        ("declaration.attachments[0]", "declaration", None, "signed_declaration"),
        ("vision.attachments[0]", "vision", None, "consultation_record"),
        ("vision.projects[1].attachments[0]", "vision", 1, "reference"),
    ]
    assert listing[2].is_public and listing[2].name == "地図.pdf"
    assert has_consultation_record(listing, "vision")
    assert not has_consultation_record(listing, "declaration")


def test_a_project_record_does_not_count_for_the_revision():
    bundle = valid()
    bundle["vision"]["projects"][0]["attachments"] = [entry()]
    _, listing = parse_bundle_listing(bundle)
    assert not has_consultation_record(listing, "vision")


def test_listing_is_written_back_in_place_and_reads_the_same():
    bundle = listed_bundle()
    filing, listing = parse_bundle_listing(bundle)
    text = dumps_bundle(filing, listing)
    again = json.loads(text)
    assert (
        again["vision"]["projects"][1]["attachments"]
        == bundle["vision"]["projects"][1]["attachments"]
    )
    assert parse_bundle_listing(text) == (filing, listing)
    # without a listing nothing changes (bundles without attachments stay the same)
    assert dumps_bundle(parse_bundle(VALID_TEXT)) == VALID_TEXT


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"kind": "minutes"}, "vision.attachments[0].kind"),
        ({"media_type": "text/html"}, "vision.attachments[0].media_type"),
        ({"size": 0}, "vision.attachments[0].size"),
        ({"size": True}, "vision.attachments[0].size"),
        ({"sha256": "ABC"}, "vision.attachments[0].sha256"),
        ({"sha256": SHA.upper()}, "vision.attachments[0].sha256"),
        ({"name": "../etc/passwd.pdf"}, "vision.attachments[0].name"),
        ({"public": "yes"}, "vision.attachments[0].public"),
        ({"extra": 1}, "vision.attachments[0].extra"),
    ],
)
def test_a_wrong_entry_is_an_input_error_at_its_path(changes, path):
    bundle = valid()
    bundle["vision"]["attachments"] = [entry(**changes)]
    assert error_of(bundle).path == path


def test_every_key_of_an_entry_is_required():
    bundle = valid()
    item = entry()
    del item["sha256"]
    bundle["vision"]["attachments"] = [item]
    error = error_of(bundle)
    assert error.path == "vision.attachments[0]" and "sha256" in error.message


def test_too_many_attachments_are_refused_before_any_is_read():
    bundle = valid()
    bundle["declaration"]["attachments"] = [None] * 101
    error = error_of(bundle)
    assert error.path == "declaration.attachments" and "100" in error.message


def test_check_file_holds_the_file_to_its_entry():
    _, (listed,) = parse_bundle_listing(
        valid() | {"declaration": valid()["declaration"] | {"attachments": [entry()]}}
    )
    assert check_file(listed, PDF) is None
    missing = check_file(listed, None)
    assert missing.path == "declaration.attachments[0].sha256" and SHA in missing.message
    assert check_file(listed, PDF + b"x").path == "declaration.attachments[0].size"
    other = PDF.replace(b"1.7", b"1.6")
    assert check_file(listed, other).path == "declaration.attachments[0].sha256"


def test_check_file_tells_the_type_by_content():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    bundle = valid()
    bundle["declaration"]["attachments"] = [
        entry(size=len(png), sha256=hashlib.sha256(png).hexdigest())  # says PDF, is a PNG
    ]
    _, (listed,) = parse_bundle_listing(bundle)
    error = check_file(listed, png)
    assert isinstance(error, BundleError)
    assert error.path == "declaration.attachments[0].media_type" and "PNG" in error.message
    exe = b"MZ" + b"\x00" * 10
    bundle["declaration"]["attachments"] = [
        entry(size=len(exe), sha256=hashlib.sha256(exe).hexdigest())
    ]
    _, (listed,) = parse_bundle_listing(bundle)
    assert "実行ファイル" in check_file(listed, exe).message


def test_consultation_body_is_read_written_and_optional():
    bundle = valid()
    bundle["vision"]["revision"]["consultation_body"] = "中国地域発展推進会議"
    filing = parse_bundle(bundle)
    assert filing.vision.revision.consultation_body == "中国地域発展推進会議"
    written = filing_to_bundle(filing)
    assert written["vision"]["revision"]["consultation_body"] == "中国地域発展推進会議"
    assert parse_bundle(written) == filing
    assert (
        "consultation_body" not in filing_to_bundle(parse_bundle(VALID_TEXT))["vision"]["revision"]
    )


def test_consultation_body_is_a_short_single_line_text():
    bundle = valid()
    bundle["vision"]["revision"]["consultation_body"] = "会" * 201
    assert error_of(bundle).path == "vision.revision.consultation_body"
    bundle["vision"]["revision"]["consultation_body"] = 5
    assert error_of(bundle).path == "vision.revision.consultation_body"
