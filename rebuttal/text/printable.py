"""Characters a letter can carry: control characters never reach a DOCX or a web form.

TOML escapes (``\\u000b``, ``\\u0000``) let control characters into block and
outline text. They are not legal XML (Word refuses the file) and a web
form would show them as boxes, so every renderer passes text through here.

What a letter cannot hold is defined once, here: the loaders refuse it in a
file (:func:`unwritable_character`, with the file, line and field), the
importers and the app remove it (:func:`without_unwritable`, the import naming
the entry), and the renderers drop it (:func:`printable`). So the text the
model holds is the text the DOCX holds, and ``merge`` compares like with like.
"""

from __future__ import annotations

import re

# Whitespace-like controls become a space so the words on either side stay apart.
_SPACE_LIKE = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
# Everything XML 1.0 forbids (other C0 controls, DEL-range C1 controls, surrogates, U+FFFE/U+FFFF).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What text in a file may not hold: the above, and the vertical tab and form feed (a break that
# a TOML string never needs; XML forbids them too).
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` with line/page breaks and tabs as spaces and other control characters removed."""
    if text.isprintable():
        return text  # The common case: nothing to clean, no regex work.
    return _FORBIDDEN.sub("", _SPACE_LIKE.sub(" ", text))


def unwritable_character(text: str) -> str | None:
    """What the first character no letter can hold is, e.g. ``a control character (U+0001)``;
    None when there is none."""
    if text.isprintable():
        return None
    match = _UNWRITABLE.search(text)
    if match is None:
        return None
    code = ord(match.group(0))
    if 0xD800 <= code <= 0xDFFF:
        kind = "half of a surrogate pair"
    elif code in (0xFFFE, 0xFFFF):
        kind = "a noncharacter"
    else:
        kind = "a control character"
    return f"{kind} (U+{code:04X})"


def without_unwritable(text: str) -> str:
    """``text`` without the characters no letter can hold (line breaks and tabs stay)."""
    return text if text.isprintable() else _UNWRITABLE.sub("", text)
