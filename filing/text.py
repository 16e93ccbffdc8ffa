"""The one text cleaner: what every text entering the portal becomes before it is checked
or stored (ADR 0084).

Every entrance calls ``clean_text``: the region bundle (``filing.bundle.reader``, before
the rules run), the staff forms (``staff.forms``), the admin's draft forms
(``ministry.admin.drafts``) and comment bodies (``reviews.services``). What leaves the
portal in a format that cannot carry every character (the Atom feed's XML) goes through
``scrub``, which never refuses.

Three kinds of characters, decided once here:

* **Line breaks** (CR LF, CR, VT, FF, NEL, U+2028, U+2029) become ``\\n``. Word and
  PowerPoint write VT for a manual line break; in a single-line text (a name, a code)
  a line break or a tab becomes one space.
* **Removed silently**: the other C0 controls except tab and line feed, DEL, the C1
  controls, and U+FFFE/U+FFFF. They are invisible, come from copying and pasting, and
  neither XML nor a mail header can carry them; nothing a person wrote is lost.
* **Refused** (``TextRefused``): NUL and lone surrogates (U+D800–U+DFFF on their own).
  They mean the text is broken (a binary or UTF-16 file, half of an emoji), cannot be
  stored (PostgreSQL refuses NUL; UTF-8 cannot encode a lone surrogate), and dropping
  them would silently change what was written; the person fixes the source instead.

``clean_text`` is idempotent and its result holds none of the characters above.
"""

import re

# A lone surrogate is any surrogate code point in a Python ``str``: JSON and UTF-8
# decoding join a valid pair into one character.
_REFUSED = re.compile("[\x00\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_REMOVED = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SINGLE_LINE = re.compile("[\n\t]")


class TextRefused(ValueError):
    """A text holding a character that cannot be stored (NUL, a lone surrogate)."""

    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.message = message
        self.index = index  # 0-based position of the character in the text as given

    def __str__(self) -> str:
        return self.message


def codepoint(character: str) -> str:
    """``U+000B`` for a character."""
    return f"U+{ord(character):04X}"


def refused_message(character: str, index: int) -> str:
    """Why ``character`` at ``index`` (0-based) cannot be stored, in Japanese."""
    place = f"{index + 1:,} 文字目"
    if character == "\x00":
        return (
            f"制御文字 NUL（U+0000）は使えません（{place}）。"
            "文字化けしたファイルや UTF-16 のファイルから写していないか確かめてください"
        )
    return (
        f"対になっていないサロゲート（{codepoint(character)}）は文字として使えません（{place}）。"
        "絵文字などの文字が壊れています。元の文字を入力し直してください"
    )


def clean_text(value: str, *, multiline: bool = True) -> str:
    """``value`` as stored: line breaks as ``\\n`` (a space in a single-line text), invisible
    controls removed; ``TextRefused`` for NUL and lone surrogates."""
    refused = _REFUSED.search(value)
    if refused:
        raise TextRefused(refused_message(refused.group(), refused.start()), refused.start())
    value = _REMOVED.sub("", _LINE_BREAK.sub("\n", value))
    return value if multiline else _SINGLE_LINE.sub(" ", value)


def scrub(value: str, *, multiline: bool = True) -> str:
    """``value`` cleaned for output, never refused: NUL and lone surrogates removed too.

    For text already stored (written before the cleaner, or by a script) that leaves in a
    format that cannot carry it: XML 1.0 (the Atom feed), a mail header, a search query."""
    return clean_text(_REFUSED.sub("", value), multiline=multiline)


def is_clean(value: str, *, multiline: bool = True) -> bool:
    """Whether ``value`` is already what ``clean_text`` makes of it."""
    try:
        return clean_text(value, multiline=multiline) == value
    except TextRefused:
        return False
