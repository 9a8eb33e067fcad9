"""LaTeX in BibTeX fields as plain Unicode text: ``Garc\\'{\\i}a`` -> ``García``.

Decoding goes through pylatexenc (every accent, ``\\ss``, ``\\textendash``,
TeX quotes...), which is thorough but slow, so a value without a backslash
or a ``$`` takes a short path that only drops braces and turns ``--``,
``~`` and TeX quotes into their characters. Maths (``$\\alpha$``) is kept as
text (``α``), never emptied.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_BARE_AMPERSAND = re.compile(r"(?<!\\)&")
_SIMPLE = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", " "))


@lru_cache(maxsize=65536)
def latex_to_text(value: str) -> str:
    """The text a reader sees for the LaTeX ``value``, on one line."""
    if "\\" not in value and "$" not in value:
        text = value.replace("{", "").replace("}", "")
        for latex, character in _SIMPLE:
            text = text.replace(latex, character)
        return " ".join(text.split())
    return _decode(value)


_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307"}
_SIMPLE_ACCENT = re.compile(r"""\\(['`^"~=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij]|[A-Za-z]))""")


# Control words eat the spaces after them ("Ga\\textendash Al" is "Ga–Al"); control symbols do not.
# (pylatexenc drops \\slash; it is a slash.)
_SYMBOLS = {"textendash": "\u2013", "textemdash": "\u2014", "&": "&", "%": "%", "_": "_", "#": "#",
            "{": "{", "}": "}", "ss": "\u00df", "o": "\u00f8", "O": "\u00d8", "aa": "\u00e5", "AA": "\u00c5",
            "ae": "\u00e6", "AE": "\u00c6", "oe": "\u0153", "OE": "\u0152", "l": "\u0142", "L": "\u0141",
            "i": "\u0131", "slash": "/", "-": ""}
_SYMBOL = re.compile(
    r"\\(textendash|textemdash|ss|aa|AA|ae|AE|oe|OE|slash|[oOlLi])(?![A-Za-z])\s*|\\([&%_#{}-])"
)
_PLACEHOLDERS = {name: chr(0xE000 + index) for index, name in enumerate(_SYMBOLS)}
_RESTORE = {chr(0xE000 + index): character for index, character in enumerate(_SYMBOLS.values())}


def _accent(match: re.Match[str]) -> str:
    letter = (match.group(2) or match.group(3)).lstrip("\\")  # the dotless \i takes the accent as i
    return unicodedata.normalize("NFC", letter + _ACCENTS[match.group(1)])


@lru_cache(maxsize=4096)
def _decode(value: str) -> str:
    # The accents most names carry (Sch{\"u}nemann, Garc\'{\i}a) without pylatexenc's full parse;
    # anything else left over (a macro, maths) goes through pylatexenc from the original text.
    quick = _SIMPLE_ACCENT.sub(_accent, value)
    if "\\" in quick:
        # Symbols as private-use characters first, so that dropping braces keeps "\{" and "\}".
        quick = _SYMBOL.sub(lambda match: _PLACEHOLDERS[match.group(1) or match.group(2)], quick)
    if "\\" not in quick and "$" not in quick:
        text = latex_to_text(quick)
        for placeholder, character in _RESTORE.items():
            text = text.replace(placeholder, character)
        return text
    return _full_decode(value)


def _full_decode(value: str) -> str:
    converter = _converter()
    # A bare "&" is an alignment tab to LaTeX (and lost); in a title it means "and".
    escaped = _BARE_AMPERSAND.sub(r"\\&", value)
    try:
        text = converter.latex_to_text(escaped)
    except Exception:
        text = latex_to_text(re.sub(r"\\[a-zA-Z]+\s*|[\\$]", "", value))
    text = text.replace("\u00ad", "")  # "\-" is a place a word may be hyphenated, not a character.
    return " ".join(text.split())


# Font and box commands pylatexenc drops with their text (\textup{The Good Place} became "");
# in a title they only style the words they hold.
_KEEP_ARGUMENT = ("textup", "textsf", "texttt", "textmd", "textnormal", "mbox", "hbox", "textlf")


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    kept = [MacroTextSpec(name, simplify_repl="%(1)s") for name in _KEEP_ARGUMENT]
    context.add_context_category("rebuttal-kept", prepend=True, macros=kept)
    return LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=True)
