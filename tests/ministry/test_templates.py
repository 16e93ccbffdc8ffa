"""The review templates and styles: every Japanese string goes through gettext, no colour is
written as a literal (the portal side uses the デジタル庁 tokens, the admin side the admin's
own variables), and nothing is inline (CSP)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    [
        *(ROOT / "templates" / "admin" / "reviews").rglob("*.html"),
        *(ROOT / "templates" / "reviews").rglob("*.html"),
        ROOT / "templates" / "admin" / "index.html",
    ]
)
STYLES = [
    ROOT / "static" / "css" / "review-admin.css",
    ROOT / "static" / "css" / "review-threads.css",
]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _outside_gettext(source: str) -> str:
    source = re.sub(r"\{% comment %\}.*?\{% endcomment %\}", "", source, flags=re.S)
    source = re.sub(r"\{% blocktranslate.*?\{% endblocktranslate %\}", "", source, flags=re.S)
    source = re.sub(r"\{%.*?%\}", "", source, flags=re.S)
    return re.sub(r"\{\{.*?\}\}", "", source, flags=re.S)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_japanese_string_of_the_templates_goes_through_gettext(template):
    assert JAPANESE.findall(_outside_gettext(template.read_text())) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_style_or_script(template):
    source = template.read_text()
    assert " style=" not in source and "<style" not in source
    assert "<script" not in source


@pytest.mark.parametrize("stylesheet", STYLES, ids=lambda p: p.name)
def test_styles_write_no_colour_literal(stylesheet):
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(), flags=re.DOTALL)
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b", css) == []
    assert re.findall(r"\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", css) == []
    named = re.findall(
        r"(?<![a-z-])(?:color|background(?:-color)?|fill|stroke|border(?:-[a-z]+)?-color)\s*:\s*([a-z]+)\s*;",
        css,
    )
    assert set(named) <= {"none", "transparent", "inherit", "currentcolor"}


def test_the_portal_side_styles_use_only_the_design_tokens():
    css = (ROOT / "static" / "css" / "review-threads.css").read_text()
    variables = set(re.findall(r"var\((--[a-z0-9-]+)\)", css))
    assert variables
    assert all(
        v.startswith(("--color-", "--font-", "--line-height-", "--border-radius-", "--portal-"))
        for v in variables
    )
