"""Bytes, text or a file into decoded JSON, before any key of the format is looked at.

UTF-8 (a byte-order mark is tolerated), the size limit, JSON syntax errors
explained in Japanese with their line and column, ``NaN``/``Infinity`` refused,
and every object remembering the keys it held more than once (JSON would keep
the last; the reader refuses them).
"""

import json
import sys
from pathlib import Path

from filing.bundle.errors import BundleError
from filing.bundle.limits import MAX_BUNDLE_BYTES

_JSON_MESSAGES = {
    "Expecting value": "値がありません",
    "Expecting ',' delimiter": "「,」がありません",
    "Expecting ':' delimiter": "「:」がありません",
    "Expecting property name enclosed in double quotes": 'キーを二重引用符（"）で囲んでください',
    "Unterminated string starting at": "文字列が閉じていません",
    "Extra data": "JSON の後に余分なデータがあります",
    "Invalid control character at": "文字列に制御文字（改行など）がそのまま入っています",
    "Invalid \\escape": "不正なエスケープです",
    "Invalid \\uXXXX escape": "不正な \\uXXXX エスケープです",
    "Illegal trailing comma before end of object": "オブジェクトの最後に余分な「,」があります",
    "Illegal trailing comma before end of array": "配列の最後に余分な「,」があります",
}


def _check_size(size: int) -> None:
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(
            "$",
            f"バンドルが大きすぎます（上限 {MAX_BUNDLE_BYTES:,} バイト = 5 MB。"
            f"これは {size:,} バイト以上あります）",
        )


def _loads(text: str):
    def refuse_constant(name):
        raise BundleError("$", f"{name} は JSON の値として使えません")

    try:
        return json.loads(text, object_pairs_hook=_json_object, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        reason = _JSON_MESSAGES.get(error.msg, error.msg)
        raise BundleError(
            "$", f"JSON として読めません（{error.lineno} 行 {error.colno} 列）: {reason}"
        ) from None
    except RecursionError:
        raise BundleError("$", "JSON の入れ子が深すぎます") from None
    except ValueError as error:  # e.g. an integer literal with thousands of digits
        raise BundleError("$", f"JSON として読めません: {error}") from None


class _JsonObject(dict):
    """A decoded JSON object that remembers the keys it held more than once."""

    __slots__ = ("duplicate_keys",)


def _json_object(pairs):
    obj = _JsonObject()
    duplicates = []
    for key, value in pairs:
        if key in obj and key not in duplicates:
            duplicates.append(key)
        obj[key] = value
    obj.duplicate_keys = tuple(duplicates)
    return obj


def decode(data: bytes | str | dict):
    """The decoded JSON of ``data``: JSON bytes, JSON text, or a dict already decoded."""
    if isinstance(data, bytes | bytearray):
        _check_size(len(data))
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BundleError(
                "$",
                f"UTF-8 として読めません（{error.start + 1:,} バイト目）。"
                "文字コードを UTF-8 にして保存してください",
            ) from None
        return _loads(text)
    if isinstance(data, str):
        _check_size(len(data.encode("utf-8", errors="surrogatepass")))
        return _loads(data.removeprefix("\ufeff"))
    return data


STDIN = "-"  # the file name that means standard input (import_region -, check_region -)


def read_stream(stream) -> bytes:
    """The bytes of an open stream (binary, or text with a binary ``buffer`` as
    ``sys.stdin``); never reads more than the size limit."""
    stream = getattr(stream, "buffer", stream)
    try:
        content = stream.read(MAX_BUNDLE_BYTES + 1)
    except (OSError, ValueError) as error:  # closed, or not readable
        raise BundleError("$", f"標準入力を読めません（{error}）") from None
    if isinstance(content, str):  # a text stream without a buffer (io.StringIO)
        content = content.encode("utf-8", "surrogatepass")
    return content


def read_file(path, *, stdin=None) -> bytes:
    """The bytes of the file at ``path``, or of standard input for ``-`` (``stdin``, else
    ``sys.stdin``); never reads more than the size limit."""
    if str(path) == STDIN:
        return read_stream(stdin if stdin is not None else sys.stdin)
    file_path = Path(path)
    # A file name from the command line may hold undecodable bytes (lone surrogates).
    name = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
    try:
        with file_path.open("rb") as handle:
            content = handle.read(MAX_BUNDLE_BYTES + 1)
    except FileNotFoundError:
        raise BundleError("$", f"ファイル {name} がありません") from None
    except IsADirectoryError:
        raise BundleError(
            "$", f"{name} はディレクトリです。バンドルの JSON ファイルを指定してください"
        ) from None
    except PermissionError:
        raise BundleError("$", f"ファイル {name} を読む権限がありません") from None
    except OSError as error:
        raise BundleError(
            "$", f"ファイル {name} を読めません（{error.strerror or error}）"
        ) from None
    return content
