"""The helper that finds Japanese text outside ``lang="ja"`` on an English page."""

from tests.english_helpers import html_lang, japanese_outside_lang_ja


def test_japanese_is_found_only_outside_lang_ja_and_inside_the_chrome():
    html = (
        '<html lang="en"><body><header class="site-header"><a href="/">ホーム</a>'
        '<span lang="ja">瀬戸内</span><br>Log out</header>'
        '<main><p>本文</p></main><footer class="site-footer"><p>Licence <b>規約</b></p></footer></body></html>'
    )

    assert html_lang(html) == "en"
    assert japanese_outside_lang_ja(html) == ["ホーム", "規約"]
    assert japanese_outside_lang_ja(html, within=()) == ["ホーム", "本文", "規約"]
