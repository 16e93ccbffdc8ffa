"""Stored text made safe for a mail message (ADR 0081).

Text reaches a mail from the database (a region's name, a comment), so a control
character, a line break or a lone surrogate must never stop the message: Python's e-mail
package refuses a header with a line break (``\\v``, ``\\x85`` and ``\\u2028`` count as one)
and cannot encode a lone surrogate. The outbox passes every subject through
``header_text`` and every body through ``body_text`` when it writes the row.
"""

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and lone surrogates.
_NOT_IN_A_HEADER = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")
# In a body: the same, except tab and line feed (line breaks are normalised first).
_NOT_IN_A_BODY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")

SUBJECT_MAX_LENGTH = 250


def header_text(text: str, max_length: int = SUBJECT_MAX_LENGTH) -> str:
    """One line for a mail header: each run of control characters, line breaks and lone
    surrogates becomes one space; cut to ``max_length`` characters."""
    return _NOT_IN_A_HEADER.sub(" ", str(text)).strip()[:max_length]


def body_text(text: str) -> str:
    """A mail body: line breaks as ``\\n``, lone surrogates as U+FFFD, other control
    characters (but tab) removed."""
    text = _LINE_BREAK.sub("\n", str(text))
    return _NOT_IN_A_BODY.sub("", _SURROGATE.sub("\ufffd", text))
