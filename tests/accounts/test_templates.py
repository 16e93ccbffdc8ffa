"""The account templates and accounts.css follow the layout's rules: every Japanese string
through gettext, colours, type sizes and radii only from the デジタル庁 tokens."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    str(path.relative_to(ROOT / "templates"))
    for folder in ("accounts", "registration")
    for path in (ROOT / "templates" / folder).rglob("*")
    if path.suffix in {".html", ".txt"}
)
ACCOUNTS_CSS = ROOT / "static" / "css" / "accounts.css"
TOKENS = ROOT / "static" / "vendor" / "digital-go-jp-design-tokens" / "tokens.css"


def test_the_templates_are_found():
    assert "accounts/dashboard.html" in TEMPLATES
    assert "registration/login.html" in TEMPLATES


@pytest.mark.parametrize("name", TEMPLATES)
def test_account_templates_translate_every_japanese_string(name):
    source = (ROOT / "templates" / name).read_text()
    for pattern in (
        r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
        r"\{#.*?#\}",
        r"\{%\s*blocktranslate\b.*?%\}.*?\{%\s*endblocktranslate\s*%\}",
        r"\{%\s*translate\s+\"[^\"]*\"[^%]*%\}",
        r"\{%\s*translate\s+'[^']*'[^%]*%\}",
    ):
        source = re.sub(pattern, "", source, flags=re.DOTALL)
    assert re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]+", source) == []


def test_accounts_css_takes_colours_type_sizes_and_radii_from_the_tokens():
    css = re.sub(r"/\*.*?\*/", "", ACCOUNTS_CSS.read_text(), flags=re.DOTALL)
    declarations = re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css)
    defined = set(re.findall(r"(--[\w-]+)\s*:", TOKENS.read_text()))
    defined |= set(re.findall(r"(--[\w-]+)\s*:", (ROOT / "static/css/portal.css").read_text()))

    assert declarations
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b", css) == []
    assert re.findall(r"\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", css) == []
    for prop, value in declarations:
        if prop == "font-size":
            assert re.fullmatch(r"var\(--font-size-\d+\)", value.strip()), (prop, value)
        if prop == "border-radius":
            assert re.fullmatch(r"var\(--border-radius-[\w-]+\)", value.strip()), (prop, value)
        if prop in {"color", "background-color", "border-color", "border-left-color"}:
            assert value.strip().startswith("var(--"), (prop, value)
    assert set(re.findall(r"var\((--[\w-]+)\)", css)) <= defined


def test_every_accounts_class_is_prefixed():
    css = ACCOUNTS_CSS.read_text()
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)))
    assert {name for name in classes if not name.startswith("accounts-")} == set()
