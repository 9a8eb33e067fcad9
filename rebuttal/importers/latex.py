"""LaTeX in BibTeX fields as plain Unicode text: ``Garc\\'{\\i}a`` -> ``García``.

Decoding goes through pylatexenc (every accent, ``\\ss``, ``\\textendash``,
TeX quotes...), which is thorough but slow, so a value without a backslash
or a ``$`` takes a short path that only drops braces and turns ``--``,
``~`` and TeX quotes into their characters. Maths (``$\\alpha$``) is kept as
text (``α``), never emptied.
"""

from __future__ import annotations

import re
from functools import lru_cache

_BARE_AMPERSAND = re.compile(r"(?<!\\)&")
_SIMPLE = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", " "))


def latex_to_text(value: str) -> str:
    """The text a reader sees for the LaTeX ``value``, on one line."""
    if "\\" not in value and "$" not in value:
        text = value.replace("{", "").replace("}", "")
        for latex, character in _SIMPLE:
            text = text.replace(latex, character)
        return " ".join(text.split())
    return _decode(value)


@lru_cache(maxsize=4096)
def _decode(value: str) -> str:
    converter = _converter()
    # A bare "&" is an alignment tab to LaTeX (and lost); in a title it means "and".
    escaped = _BARE_AMPERSAND.sub(r"\\&", value)
    try:
        text = converter.latex_to_text(escaped)
    except Exception:
        text = latex_to_text(re.sub(r"\\[a-zA-Z]+\s*|[\\$]", "", value))
    text = text.replace("\u00ad", "")  # "\-" is a place a word may be hyphenated, not a character.
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)
