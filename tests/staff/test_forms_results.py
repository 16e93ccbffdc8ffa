"""The staff form of a yearly result (staff.forms.results, ADR 0109) and the evidence check
by content (filing.evidence): no database."""

from types import SimpleNamespace

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from filing.evidence import JPEG, PDF, PNG, evidence_kind, evidence_name
from staff.forms.results import ResultForm, parse_year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2026", 2026),
        ("２０２６", 2026),
        ("2026年度", 2026),
        ("令和8", 2026),
        ("令和８年度", 2026),
        ("R8", 2026),
        ("r8年", 2026),
        ("令和元年度", 2019),
    ],
)
def test_a_year_is_read_as_people_write_it(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize(
    "text", ["abc", "平成30", "2026-04", "令和", "-1", "99999", "0", "令和8.5"]
)
def test_a_year_that_is_no_year_is_refused(text):
    with pytest.raises(forms.ValidationError, match="西暦"):
        parse_year(text)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", PDF),
        (b"\x89PNG\r\n\x1a\n\x00", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (b"PDF-1.7", None),
        (b"MZ\x90\x00", None),  # a Windows program
        (b"GIF89a", None),
        (b"<svg", None),
        (b"", None),
    ],
)
def test_evidence_is_told_by_its_first_bytes(head, kind):
    assert evidence_kind(head) is kind


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("グラフ.pdf", "グラフ.png"),
        ("C:\\Users\\a\\表.PNG", "表.png"),
        ("../../etc/passwd", "passwd.png"),
        (".png", "png.png"),
        ("", "evidence.png"),
        ("...", "evidence.png"),
    ],
)
def test_a_stored_evidence_is_named_by_what_it_is(name, stored):
    assert evidence_name(name, PNG) == stored


TARGETS = {"t0000000a": SimpleNamespace(target=SimpleNamespace(name="立地件数", unit="社"))}


def form(data=None, files=None):
    return ResultForm(data, files, targets=TARGETS, result=None)


def test_the_form_passes_a_pdf_and_names_it_by_its_content(settings):
    settings.RESULT_EVIDENCE_MAX_BYTES = 1024
    upload = SimpleUploadedFile("scan.jpeg", b"%PDF-1.4 x", content_type="image/jpeg")
    bound = form(
        {"target_key": "t0000000a", "fiscal_year": "令和8", "value": "1,200"},
        {"evidence_file": upload},
    )
    assert bound.is_valid(), bound.errors
    given = bound.given()
    assert (given.target_key, given.fiscal_year, str(given.value)) == ("t0000000a", 2026, "1200")
    assert given.evidence_file.name == "scan.pdf"


def test_the_size_limit_is_the_setting(settings):
    settings.RESULT_EVIDENCE_MAX_BYTES = 10
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 0123456789", content_type="application/pdf")
    bound = form({"target_key": "t0000000a", "fiscal_year": "2026"}, {"evidence_file": upload})
    assert not bound.is_valid()
    assert "ファイルが大きすぎます" in bound.errors["evidence_file"][0]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.pref.example.jp/toukei/2026.html", True),
        ("http://example.jp/a?b=1", True),
        ("javascript:alert(1)", False),
        ("ftp://example.jp/a", False),
        ("data:text/html,hi", False),
        ("www.example.jp", False),
        ("http://[", False),
        ("https://", False),
    ],
)
def test_a_link_must_be_http_or_https(url, ok):
    bound = form({"target_key": "t0000000a", "fiscal_year": "2026", "evidence_url": url})
    assert bound.is_valid() is ok, bound.errors
    if not ok:
        assert "evidence_url" in bound.errors


def test_findings_go_on_their_fields():
    from filing.rules.results import VALUE, YEAR

    bound = form({"target_key": "t0000000a", "fiscal_year": "2031", "value": "-1"})
    assert bound.is_valid()
    bound.apply_findings(
        [
            YEAR.finding("fiscal_year", "期間の外です"),
            VALUE.finding("value", "マイナスにできません"),
        ]
    )
    assert "期間の外です" in bound.errors["fiscal_year"][0]
    assert "マイナスにできません" in bound.errors["value"][0]
