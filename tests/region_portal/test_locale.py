"""The English translation (ADR 0124): the catalogue is complete and compiled, and the text
people read is marked for translation in the templates and in the Python that shows it.

``test_english_catalogue_translates_every_message`` fails while the catalogue
(locale/en/LC_MESSAGES/django.po, made by ``manage.py makemessages -l en``) holds a message
with an empty or fuzzy translation: it is the check that nothing is left in Japanese."""

import ast
import gettext
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]+")


# ---------------------------------------------------------------- the catalogue


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def po_entries(text: str) -> list[dict]:
    """The entries of a PO file: msgid, msgid_plural, msgstr (all forms), flags, line."""
    entries, entry, field = [], None, None

    def close():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            close()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}, "line": number}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(
            r"(msgid_plural|msgid|msgctxt|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line
        ):
            keyword, index, value = match.groups()
            field = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else keyword
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] = _unquote(value)
            else:
                entry[field] = _unquote(value)
        elif line.startswith('"') and field is not None:
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += _unquote(line)
            else:
                entry[field] += _unquote(line)
    close()
    return entries


def test_the_po_reader_sees_empty_fuzzy_and_plural_entries():
    text = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgid "はい"\nmsgstr "Yes"\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s 件"\nmsgstr "%(n)s items"\n\n'
        'msgid "空"\nmsgstr ""\n\n'
        'msgid "1 団体"\nmsgid_plural "%(n)s 団体"\nmsgstr[0] "one"\nmsgstr[1] ""\n'
    )
    entries = {e["msgid"]: e for e in po_entries(text)}

    assert entries["はい"]["msgstr"] == {0: "Yes"}
    assert "fuzzy" in entries["%(n)s 件"]["flags"]
    assert entries["空"]["msgstr"] == {0: ""}
    assert entries["1 団体"]["msgstr"] == {0: "one", 1: ""}


def untranslated(entries) -> list[str]:
    return [
        f"line {e['line']}: {e['msgid'][:60]!r}"
        + (" (fuzzy)" if "fuzzy" in e["flags"] else " (empty)")
        for e in entries
        if e["msgid"]
        and ("fuzzy" in e["flags"] or not e["msgstr"] or not all(e["msgstr"].values()))
    ]


def test_english_catalogue_translates_every_message():
    entries = po_entries(CATALOGUE.read_text(encoding="utf-8"))

    assert len(entries) > 10
    missing = untranslated(entries)
    assert missing == [], f"{len(missing)} untranslated:\n" + "\n".join(missing[:50])


def test_no_english_translation_is_left_in_japanese():
    entries = po_entries(CATALOGUE.read_text(encoding="utf-8"))
    # a name that is Japanese in English too is spelled in Latin letters (Hokkaido, not 北海道);
    # Japanese stays only where the English quotes the original: an example of what to type
    # (「1億8千万」, さっぽろ) or a term of the standard (準拠), each taken from the msgid as it is
    japanese = [
        (e["msgid"][:60], run)
        for e in entries
        for text in e["msgstr"].values()
        for run in JAPANESE.findall(text)
        if run not in e["msgid"]
    ]
    assert japanese == []


def test_the_compiled_catalogue_is_the_catalogue(tmp_path):
    """locale/…/django.mo (what Django reads) is compiled from django.po: run
    ``manage.py compilemessages`` after changing the catalogue (``make messages``)."""
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(CATALOGUE)],
        check=True,
        capture_output=True,
    )
    with compiled.open("rb") as fresh, COMPILED.open("rb") as kept:
        assert gettext.GNUTranslations(kept)._catalog == gettext.GNUTranslations(fresh)._catalog


def test_django_reads_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("宣言リージョン一覧") == "Declared regions"
    with translation.override("ja"):
        assert translation.gettext("宣言リージョン一覧") == "宣言リージョン一覧"


# ---------------------------------------------------------------- templates

# Mails are written in the reader's language (ADR 0126); the PDFs stay Japanese (ADR 0124).
NOT_TRANSLATED = ("/pdf/",)
TEMPLATES = sorted(
    path
    for pattern in ("templates/**/*.html", "*/templates/**/*.html", "templates/**/*.txt")
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts
    and not any(part in path.relative_to(ROOT).as_posix() for part in NOT_TRANSLATED)
)
# what is not text to translate: comments, the translated blocks, every other tag and every
# variable (their string arguments are the translated _("…") or formats)
NOT_TEXT = (
    r"\{%\s*comment\b.*?%\}.*?\{%\s*endcomment\s*%\}",
    r"\{#.*?#\}",
    r"\{%\s*blocktranslate\b.*?%\}.*?\{%\s*endblocktranslate\s*%\}",
    r"\{%.*?%\}",
    r"\{\{.*?\}\}",
)


def untranslated_text(source: str) -> list[str]:
    for pattern in NOT_TEXT:
        source = re.sub(pattern, "", source, flags=re.DOTALL)
    # punctuation between translated pieces (「、」「（」「〜」) is not a string to translate
    return JAPANESE.findall(source)


def test_the_template_scan_finds_japanese_outside_translation_only():
    assert untranslated_text('{% translate "はい" %}<p>いいえ</p>{{ x|default:"空" }}') == [
        "いいえ"
    ]
    assert untranslated_text("{% blocktranslate %}{{ n }} 件{% endblocktranslate %}、") == []


def test_the_template_scan_covers_the_pages_and_mails_and_leaves_out_pdfs():
    names = {path.relative_to(ROOT).as_posix() for path in TEMPLATES}
    assert "templates/base.html" in names and "templates/staff/declaration.html" in names
    assert "templates/mail/revision_submitted.txt" in names
    assert not any("/pdf/" in name for name in names)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_templates_translate_every_japanese_string(path):
    assert untranslated_text(path.read_text(encoding="utf-8")) == []


# ---------------------------------------------------------------- Python

# The modules that put text on a page: views, forms, the admin, template tags, context
# processors and the review page's presentation. A literal that is not text (a regular
# expression, a key, a file name) says so on its line: ``# i18n: not text``.
SHOWN = re.compile(
    r"(^|/)(views|forms|admin)(/|\.py$)|templatetags/|context_processors\.py$|presentation\.py$"
)
WRAPPERS = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
}
PYTHON = sorted(
    path
    for path in ROOT.glob("*/**/*.py")
    if path.relative_to(ROOT).parts[0] not in {".venv", "tests", "bench", "filing"}
    and "migrations" not in path.parts
    and SHOWN.search(path.relative_to(ROOT).as_posix())
)


def unwrapped_literals(source: str) -> list[tuple[int, str]]:
    """Japanese string literals outside a gettext call (docstrings are not shown)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {
        node.body[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if node in docstrings or not JAPANESE.search(node.value):
            continue
        if "# i18n: not text" in lines[node.lineno - 1]:
            continue
        parent = parents.get(node)
        while parent is not None and not isinstance(parent, ast.stmt):
            if isinstance(parent, ast.Call):
                func = parent.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                if name in WRAPPERS:
                    break
            parent = parents.get(parent)
        else:
            found.append((node.lineno, node.value[:40]))
    return found


def test_the_python_scan_finds_unwrapped_japanese_only():
    source = (
        '"""説明"""\n'
        'a = _("はい")\n'
        'b = f"いいえ {a}"\n'
        'c = re.compile("令和")  # i18n: not text\n'
        'd = _("%(n)s 件") % {"n": 1}\n'
    )
    assert unwrapped_literals(source) == [(3, "いいえ ")]


def test_the_python_scan_covers_the_views_and_forms():
    names = {path.relative_to(ROOT).as_posix() for path in PYTHON}
    assert {"staff/views/region.py", "public/views/regions.py", "accounts/forms.py"} <= names


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_that_shows_text_wraps_it_for_translation(path):
    assert unwrapped_literals(path.read_text(encoding="utf-8")) == []
