"""``BundleError`` and how an input error names its place and the value found there.

A path is written as in JSONPath without the ``$.`` prefix (``vision.projects[0].name``),
``$`` for the whole document; a key that is not an identifier and every data key
(a fiscal year) is bracketed and quoted (``by_fiscal_year["2026"]``).
"""

import json
import re

_IDENTIFIER_RE = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z", re.ASCII)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class BundleError(Exception):
    """An input error in a region bundle, at ``path`` (``"$"`` for the whole document)."""

    def __init__(self, path: str, message: str):
        super().__init__(path, message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def child(path: str, key) -> str:
    """The path of ``key`` (a list index or an object key) inside ``path``."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    if isinstance(key, str) and _IDENTIFIER_RE.match(key):
        return key if path == "$" else f"{path}.{key}"
    return f"{path}[{quote(str(key), limit=60)}]"


def data_key(path: str, key) -> str:
    """The path of a data key (a fiscal year), always bracketed: ``by_fiscal_year["2026"]``."""
    return f"{path}[{quote(str(key), limit=60)}]"


def quote(text: str, *, limit: int = 40) -> str:
    """``text`` as a JSON string for a message, cut at ``limit`` characters."""
    if len(text) > limit:
        text = text[:limit] + "…"
    # JSON escapes the control characters; a lone surrogate is escaped by hand, so that
    # the message can always be printed, stored and sent (UTF-8 cannot carry it).
    quoted = json.dumps(text, ensure_ascii=False)
    return _SURROGATE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def describe(value) -> str:
    """What a value is, in words, for "… が指定されています"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"真偽値 {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"数値 {value}" if value.bit_length() <= 128 else "桁数の大きい数値"
    if isinstance(value, float):
        return f"数値 {value!r}"
    if isinstance(value, str):
        return f"文字列 {quote(value)}"
    if isinstance(value, list | tuple):
        return "配列"
    if isinstance(value, dict):
        return "オブジェクト"
    return type(value).__name__


def type_error(path: str, expected: str, value) -> BundleError:
    """The error for ``value`` at ``path`` that is not of the ``expected`` kind."""
    return BundleError(
        path, f"{expected}を指定してください（{describe(value)} が指定されています）"
    )
