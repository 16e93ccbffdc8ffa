"""Readings (よみがな) of region names and the 五十音 order (ADR 0087).

``suggest_reading`` proposes the hiragana reading of a region's name: the names of
prefectures and municipalities in it are read from the master data (「三重県」 みえけん,
「豊田市」 とよたし, 「中部」 is not a place name), the rest through Janome's dictionary
(mecab-ipadic; Janome is Apache-2.0, ADR 0087). It is a suggestion: staff correct it in
the declaration form.

``normalize_reading`` folds what staff type (カタカナ, half-width ｶﾅ, spaces) into the
stored form, hiragana without spaces, which is also how a search query is folded; the
region list's 名称順 sorts by it (五十音順, ADR 0087).

Plain Python (Janome's dictionary loads once, on first use, in under a second).
"""

import re
import unicodedata
from functools import cache

from filing.master import normalize_kana, read_municipalities, read_prefectures

MAX_READING = 200
# What a stored reading may hold: hiragana, ー, ・, ゝゞ and ASCII letters and digits (「とうほくGX」).
READING_RE = re.compile(r"[ぁ-ゖゝゞー・A-Za-z0-9]+")
_SPACES = re.compile(r"\s+")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヵヶ]")


def normalize_reading(text: str) -> str:
    """Hiragana without spaces: 「チュウブ」「ﾁｭｳﾌﾞ」「ちゅう ぶ」 → 「ちゅうぶ」."""
    return _SPACES.sub("", normalize_kana(unicodedata.normalize("NFKC", text or "")))


@cache
def _place_readings() -> tuple[tuple[str, str], ...]:
    """(name, reading) of every prefecture (also without 都府県) and municipality, longest
    name first so that 「四日市市」 wins over 「四日市」 and 「京都府」 over 「京都」."""
    pairs: dict[str, str] = {}
    for row in read_municipalities():
        pairs.setdefault(row.name, normalize_reading(row.kana))
    for row in read_prefectures():
        pairs[row.name] = normalize_reading(row.kana)
        if len(row.short_name) >= 2:
            pairs.setdefault(row.short_name, _short_reading(row.kana, row.name, row.short_name))
    return tuple(sorted(pairs.items(), key=lambda item: -len(item[0])))


def _short_reading(kana: str, name: str, short: str) -> str:
    """The reading of a prefecture's short name: its kana without that of 都・府・県."""
    suffix = name[len(short) :]
    endings = {"県": "けん", "府": "ふ", "都": "と", "": ""}
    reading = normalize_reading(kana)
    ending = endings.get(suffix, "")
    return reading[: -len(ending)] if ending and reading.endswith(ending) else reading


@cache
def _tokenizer():
    from janome.tokenizer import Tokenizer

    return Tokenizer()


def _dictionary_reading(text: str) -> str:
    if not _KANJI.search(text):
        return normalize_reading(text)
    # a word the dictionary does not know ("*") keeps its surface; kanji then drop out below
    words = _tokenizer().tokenize(text)
    return normalize_reading(
        "".join(word.reading if word.reading != "*" else word.surface for word in words)
    )


def suggest_reading(name: str) -> str:
    """A proposed hiragana reading of ``name`` (empty for an empty name)."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    places = _place_readings()
    parts: list[str] = []
    pending = ""
    index = 0
    while index < len(text):
        for place, reading in places:
            if text.startswith(place, index):
                if pending:
                    parts.append(_dictionary_reading(pending))
                    pending = ""
                parts.append(reading)
                index += len(place)
                break
        else:
            pending += text[index]
            index += 1
    if pending:
        parts.append(_dictionary_reading(pending))
    # brackets and other marks are not read: only what a reading may hold is kept
    return "".join(READING_RE.findall("".join(parts)))[:MAX_READING]
