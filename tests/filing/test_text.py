"""The one text cleaner (filing.text, ADR 0084): which characters become line breaks,
which are removed silently and which are refused."""

import pytest

from filing.text import TextRefused, clean_text, is_clean, scrub


def test_line_breaks_become_line_feeds():
    assert clean_text("一\r\n二\r三\x0b四\x0c五\x85六\u2028七\u2029八") == (
        "一\n二\n三\n四\n五\n六\n七\n八"
    )


def test_invisible_controls_are_removed_and_tab_and_line_feed_kept():
    assert clean_text("a\x01\x08\x0e\x1b\x1f\x7f\x80\x9f\ufffe\uffffb\tc\nd") == "ab\tc\nd"


def test_a_single_line_text_turns_line_breaks_and_tabs_into_spaces():
    assert (
        clean_text("瀬戸内\x0b広域\tリージョン\r\n", multiline=False) == "瀬戸内 広域 リージョン "
    )


@pytest.mark.parametrize(
    ("text", "index", "words"),
    [
        ("瀬戸内\x00", 3, "制御文字 NUL（U+0000）"),
        ("\ud800瀬戸内", 0, "U+D800"),
        ("絵文字\udfff", 3, "U+DFFF"),
    ],
)
def test_nul_and_lone_surrogates_are_refused_with_their_place(text, index, words):
    with pytest.raises(TextRefused) as caught:
        clean_text(text)

    assert caught.value.index == index
    assert words in caught.value.message
    assert f"{index + 1} 文字目" in caught.value.message
    caught.value.message.encode("utf-8")  # the message itself can be printed and stored


def test_what_people_write_is_kept():
    text = "瀬戸内 ＡＢＣ 👨‍👩‍👧 \u200d\ufeff ①㈱ Ω <b>&amp;</b>"
    assert clean_text(text) == text
    assert is_clean(text)


def test_scrub_never_refuses_and_leaves_only_what_xml_carries():
    assert scrub("瀬戸内\x00\ud800\x0b広域") == "瀬戸内\n広域"
    assert scrub("瀬戸内\x0b広域", multiline=False) == "瀬戸内 広域"
