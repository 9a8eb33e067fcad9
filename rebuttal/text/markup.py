"""Parse the inline markup used in block text.

The markup is deliberately small: ``**bold**``, ``*italic*``, citations
``[@key]`` / ``[@a; @b]``, placeholders ``{article.title}``, and a backslash
to escape any of ``\\ * [ ] { }``. Paragraphs are separated by a blank line;
other line breaks are ordinary spaces. Parsing never evaluates anything: a
placeholder is only a name, filled later from a fixed table of fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&\-+?<>~/]*$")
_FIELD_NAME = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_ESCAPABLE = set("\\*[]{}@")


class MarkupError(ValueError):
    """Text whose markup cannot be read; the caller adds file and field."""


@dataclass(frozen=True)
class Run:
    """Literal text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Cite:
    """A citation group: one or more reference keys cited together."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Placeholder:
    """A named field such as ``article.title``, with the emphasis around it."""

    name: str
    bold: bool = False
    italic: bool = False


Token = Run | Cite | Placeholder


def split_paragraphs(text: str) -> list[str]:
    """Split on blank lines and fold the remaining white space to single spaces."""
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(text.strip()):
        folded = " ".join(chunk.split())
        if folded:
            paragraphs.append(folded)
    return paragraphs


def parse_text(text: str) -> list[list[Token]]:
    """Parse block text into paragraphs of tokens."""
    return [parse_paragraph(paragraph) for paragraph in split_paragraphs(text)]


_SPECIAL = re.compile(r"\\[\\*\[\]{}@]|\*\*|\*|\[@[^\]]*\]?|\{[^}]*\}?|\}")


def parse_paragraph(text: str) -> list[Token]:
    """Parse one paragraph of markup into tokens.

    One regular expression finds every piece of markup; the text between
    pieces is literal. (A character-by-character scan was 10x slower, and
    every build parses the whole library to validate it.)
    """
    tokens: list[Token] = []
    buffer: list[str] = []
    bold = italic = False

    def flush() -> None:
        if buffer:
            tokens.append(Run("".join(buffer), bold, italic))
            buffer.clear()

    position = 0
    for match in _SPECIAL.finditer(text):
        if match.start() > position:
            buffer.append(text[position : match.start()])
        position = match.end()
        piece = match.group(0)
        if piece[0] == "\\":
            buffer.append(piece[1])
        elif piece == "**":
            flush()
            bold = not bold
        elif piece == "*":
            flush()
            italic = not italic
        elif piece.startswith("[@"):
            if not piece.endswith("]"):
                raise MarkupError(f"citation opened at '{piece[:20]}' is not closed with ]")
            flush()
            tokens.append(Cite(_parse_keys(piece[1:-1])))
        elif piece[0] == "{":
            if not piece.endswith("}"):
                raise MarkupError(f"placeholder opened at '{piece[:20]}' is not closed with }}")
            name = piece[1:-1].strip()
            if not _FIELD_NAME.match(name):
                raise MarkupError(f"'{{{name}}}' is not a placeholder (write \\{{ for a literal brace)")
            flush()
            tokens.append(Placeholder(name, bold, italic))
        else:
            raise MarkupError("'}' without '{' (write \\} for a literal brace)")
    if position < len(text):
        buffer.append(text[position:])
    flush()
    if bold:
        raise MarkupError("'**' is opened but not closed")
    if italic:
        raise MarkupError("'*' is opened but not closed")
    return _merge_runs(tokens)


def _parse_keys(inner: str) -> tuple[str, ...]:
    keys = []
    for part in inner.split(";"):
        part = part.strip()
        if not part.startswith("@") or not _KEY.match(part[1:]):
            raise MarkupError(f"'[{inner}]' is not a citation; write [@key] or [@a; @b]")
        keys.append(part[1:])
    return tuple(keys)


def _merge_runs(tokens: list[Token]) -> list[Token]:
    """Join neighbouring runs of the same emphasis (escapes split them)."""
    merged: list[Token] = []
    for token in tokens:
        previous = merged[-1] if merged else None
        if (
            isinstance(token, Run)
            and isinstance(previous, Run)
            and (previous.bold, previous.italic) == (token.bold, token.italic)
        ):
            merged[-1] = Run(previous.text + token.text, token.bold, token.italic)
        elif not (isinstance(token, Run) and token.text == ""):
            merged.append(token)
    return merged


def placeholders_in(text: str) -> list[str]:
    """Names of the placeholders in ``text`` (markup errors propagate)."""
    return [
        token.name
        for paragraph in parse_text(text)
        for token in paragraph
        if isinstance(token, Placeholder)
    ]


def citation_keys_in(text: str) -> list[str]:
    """Citation keys in ``text`` in order of appearance."""
    return [
        key
        for paragraph in parse_text(text)
        for token in paragraph
        if isinstance(token, Cite)
        for key in token.keys
    ]


def escape(text: str) -> str:
    """Escape plain text so that it reads back unchanged as markup."""
    return "".join("\\" + char if char in _ESCAPABLE else char for char in text)
