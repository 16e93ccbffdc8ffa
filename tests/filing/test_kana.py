"""filing.kana: the suggested よみがな of a region's name and the folding of what staff type
and what the public searches (ADR 0087); no database."""

import pytest

from filing.kana import READING_RE, normalize_reading, suggest_reading


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("中部広域リージョン", "ちゅうぶこういきりーじょん"),
        ("瀬戸内広域リージョン", "せとうちこういきりーじょん"),
        # prefectures and municipalities are read from the master data
        ("四日市市・豊田市連携", "よっかいちし・とよたしれんけい"),
        ("三重・愛知・岐阜", "みえ・あいち・ぎふ"),
        ("京都府と東京都", "きょうとふととうきょうと"),
        ("北海道フードバレー", "ほっかいどうふーどばれー"),
        ("東北GX", "とうほくGX"),
        ("山陰観光広域リージョン（仮称）", "さんいんかんこうこういきりーじょんかしょう"),
        ("", ""),
    ],
)
def test_suggested_reading_of_a_region_name(name, reading):
    assert suggest_reading(name) == reading
    assert not reading or READING_RE.fullmatch(reading)


@pytest.mark.parametrize("typed", ["チュウブ", "ちゅうぶ", "ﾁｭｳﾌﾞ", "ちゅう ぶ", "チュウ　ブ"])
def test_typed_readings_fold_to_hiragana_without_spaces(typed):
    assert normalize_reading(typed) == "ちゅうぶ"


def test_a_reading_in_kanji_is_not_a_reading():
    assert not READING_RE.fullmatch(normalize_reading("中部"))
