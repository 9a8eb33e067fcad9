"""Characters a letter can carry: control characters never reach a DOCX or a web form.

TOML escapes (``\\u000b``, ``\\u0000``) let control characters into block and
outline text. They are not legal XML (Word refuses the file) and a web
form would show them as boxes, so every renderer passes text through here.
"""

from __future__ import annotations

import re

# Whitespace-like controls become a space so the words on either side stay apart.
_SPACE_LIKE = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
# Everything XML 1.0 forbids (other C0 controls, DEL-range C1 controls, surrogates, U+FFFE/U+FFFF).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` with line/page breaks and tabs as spaces and other control characters removed."""
    if text.isprintable():
        return text  # The common case: nothing to clean, no regex work.
    return _FORBIDDEN.sub("", _SPACE_LIKE.sub(" ", text))
