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


def parse_paragraph(text: str) -> list[Token]:
    """Parse one paragraph of markup into tokens."""
    tokens: list[Token] = []
    buffer: list[str] = []
    bold = italic = False
    index = 0

    def flush() -> None:
        if buffer:
            tokens.append(Run("".join(buffer), bold, italic))
            buffer.clear()

    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
            buffer.append(text[index + 1])
            index += 2
        elif text.startswith("**", index):
            flush()
            bold = not bold
            index += 2
        elif char == "*":
            flush()
            italic = not italic
            index += 1
        elif text.startswith("[@", index):
            end = text.find("]", index)
            if end < 0:
                raise MarkupError(f"citation opened at '{text[index:index + 20]}' is not closed with ]")
            flush()
            tokens.append(Cite(_parse_keys(text[index + 1 : end])))
            index = end + 1
        elif char == "{":
            end = text.find("}", index)
            if end < 0:
                raise MarkupError(f"placeholder opened at '{text[index:index + 20]}' is not closed with }}")
            name = text[index + 1 : end].strip()
            if not _FIELD_NAME.match(name):
                raise MarkupError(
                    f"'{{{name}}}' is not a placeholder (write \\{{ for a literal brace)"
                )
            flush()
            tokens.append(Placeholder(name, bold, italic))
            index = end + 1
        elif char == "}":
            raise MarkupError("'}' without '{' (write \\} for a literal brace)")
        else:
            buffer.append(char)
            index += 1
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
