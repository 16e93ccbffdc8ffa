"""The staff pages' own assets follow the layout's rules: every Japanese string of a template
goes through gettext, the stylesheet takes colours and sizes from the design tokens, the
vendored htmx carries its licence, and the script holds no user-facing text of its own."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAFF_TEMPLATES = sorted((ROOT / "templates" / "staff").rglob("*.html"))
STAFF_CSS = ROOT / "static" / "css" / "staff.css"
STAFF_JS = ROOT / "static" / "js" / "staff.js"
JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]+"


@pytest.mark.parametrize("path", STAFF_TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_staff_templates_translate_every_japanese_string(path):
    source = path.read_text()
    for pattern in (
        r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
        r"\{#.*?#\}",
        r"\{%\s*blocktranslate\b.*?%\}.*?\{%\s*endblocktranslate\s*%\}",
        r"\{%\s*translate\s+\"[^\"]*\"[^%]*%\}",
        r"\{%\s*translate\s+'[^']*'[^%]*%\}",
        r"_\(\"[^\"]*\"\)",
    ):
        source = re.sub(pattern, "", source, flags=re.DOTALL)

    assert re.findall(JAPANESE, source) == []


@pytest.mark.parametrize("sheet", [STAFF_CSS, ROOT / "static" / "css" / "receipt.css"])
def test_staff_css_takes_colours_type_sizes_and_radii_from_the_tokens(sheet):
    css = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.DOTALL)
    declarations = re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css)

    assert declarations
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b", css) == []
    assert re.findall(r"\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", css) == []
    for prop, value in declarations:
        value = value.strip()
        if prop == "font-size":
            assert re.fullmatch(r"var\(--font-size-\d+\)", value), (prop, value)
        if prop == "border-radius":
            assert re.fullmatch(r"var\(--border-radius-[\w-]+\)", value), (prop, value)
        if prop in {"color", "background-color", "border-color", "border-left-color"}:
            assert value.startswith("var(--") or value in {"transparent", "currentColor"}, value


def test_vendored_htmx_carries_its_licence_and_version():
    vendor = ROOT / "static" / "vendor" / "htmx"

    assert "Zero-Clause BSD" in (vendor / "LICENSE").read_text()
    assert (vendor / "VERSION").read_text().startswith("htmx.org@2.")
    assert (vendor / "htmx.min.js").stat().st_size > 10_000


def test_staff_script_takes_its_words_from_the_page():
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", STAFF_JS.read_text(), flags=re.DOTALL)

    assert (
        re.findall(
            JAPANESE, script.replace("円", "").replace("０", "").replace("９", "").replace("，", "")
        )
        == []
    )


def test_budget_script_takes_its_words_from_the_page():
    """budget.js reads 漢数字 and 円 (as filing/amounts.py does) but shows only the page's words."""
    script = (ROOT / "static" / "js" / "budget.js").read_text()
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)

    assert re.findall(JAPANESE, re.sub("[〇零一二三四五六七八九十百千万億兆円]", "", script)) == []
    assert "data-text-sum-both" in script


def test_unsaved_script_takes_its_words_from_the_page():
    """unsaved.js (ADR 0095) tells the autosave in the words of data-text-* on the page."""
    script = (ROOT / "static" / "js" / "unsaved.js").read_text()
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)
    page = (ROOT / "templates" / "staff" / "includes" / "autosave.html").read_text()

    assert re.findall(JAPANESE, script) == []
    for name in re.findall(r'words\("(\w+)"', script):
        assert f"data-text-{name}=" in page
