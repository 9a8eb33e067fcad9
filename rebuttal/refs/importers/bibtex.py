"""BibTeX and BibLaTeX (``.bib``): a lenient parser for what reference managers export.

Text between entries is a comment, as it is to BibTeX. An entry with a
syntax error is reported (with its line) and reading goes on at the next
``@`` at the start of a line, so one bad entry never costs the file.
Line numbers are counted as the parser moves forward, never by recounting
from the start of the file for each entry.
"""

from __future__ import annotations

import re
from pathlib import Path

from rebuttal.refs.importers.bibtex_fields import item_from_fields
from rebuttal.refs.importers.finish import RawEntry, Unreadable

MONTH_MACROS = {name: str(number) for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_WORD = re.compile(r"[^\s\"#%'(),={}@]+")
_FIELD_NAME = re.compile(r"[^\s\"#%'(),={}@]+(?:[ \t]+[^\s\"#%'(),={}@]+)*")
_KEY = re.compile(r"[^\s,{}()=\"#%]*")
_ENTRY_AT_LINE_START = re.compile(r"^[ \t]*@", re.MULTILINE)


class BibtexSyntaxError(Exception):
    """A syntax error inside one entry (the parser reports it and moves on)."""


def read_bibtex(text: str, path: Path) -> list[RawEntry]:
    """Every ``@type{key, field = value}`` entry; ``@string`` used, ``@comment`` and ``@preamble`` skipped."""
    return _Parser(text).entries()


class _Parser:
    """A cursor over BibTeX text that knows the line it is on."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0
        self.strings = dict(MONTH_MACROS)
        self._line, self._line_at = 1, 0

    def line_of(self, position: int) -> int:
        """The line of ``position``; positions asked for only move forward, so counting is linear."""
        if position < self._line_at:
            return self._line - self.text.count("\n", position, self._line_at)
        self._line += self.text.count("\n", self._line_at, position)
        self._line_at = position
        return self._line

    def entries(self) -> list[RawEntry]:
        raw = self._raw_entries()
        by_key = {entry[1].lower(): entry[2] for entry, _ in raw if not isinstance(entry, Unreadable)}
        found: list[RawEntry] = []
        for entry, line in raw:
            if isinstance(entry, Unreadable):
                found.append((entry, line))
                continue
            kind, key, fields = entry
            parent = by_key.get(fields.get("crossref", "").strip().lower())
            if parent is not None and parent is not fields:
                # BibTeX's crossref: the entry inherits every field it does not set itself.
                fields = {**parent, **fields}
                if kind in ("inproceedings", "incollection", "inbook") and "booktitle" not in fields:
                    fields["booktitle"] = parent.get("title", "")
            found.append((item_from_fields(kind, key, fields), line))
        return found

    def _raw_entries(self) -> list[tuple[tuple[str, str, dict[str, str]] | Unreadable, int]]:
        found: list[tuple[tuple[str, str, dict[str, str]] | Unreadable, int]] = []
        text = self.text
        while (start := text.find("@", self.at)) >= 0:
            self.at = start + 1
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].lstrip().startswith("%"):
                continue  # An "@" in a % comment line (an e-mail address) is no entry.
            kind = self._word().lower()
            if kind == "comment":
                self._skip_comment()
                continue
            self._skip_space()
            if not kind or self.at >= len(text) or text[self.at] not in "{(":
                continue  # An "@" in the text between entries (an address): a comment to BibTeX too.
            line = self.line_of(start)
            try:
                entry = self._entry(kind)
            except BibtexSyntaxError as error:
                found.append((Unreadable(str(error), self._key_after(start)), line))
                self._resync(start)
                continue
            if entry is not None:
                found.append((entry, line))
        return found

    def _entry(self, kind: str) -> tuple[str, str, dict[str, str]] | None:
        text = self.text
        close = "}" if text[self.at] == "{" else ")"
        if kind == "preamble":
            if close == "}":
                self._braced()
            else:
                self.at += 1
                self._value("preamble")
                self._expect(close)
            return None
        self.at += 1
        if kind == "string":
            self._skip_space()
            if self.at < len(text) and text[self.at] == close:
                self.at += 1
                return None
            name, value = self._field()
            self.strings[name] = value
            self._expect(close)
            return None
        self._skip_space()
        key_start = self.at
        key_match = _KEY.match(text, self.at)
        key = key_match.group() if key_match else ""
        self.at += len(key)
        self._skip_space()
        if self.at < len(text) and text[self.at] == "=":
            self.at, key = key_start, ""  # No key: "@article{ author = ...}" (EndNote).
        elif self.at < len(text) and text[self.at] == ",":
            self.at += 1
        fields: dict[str, str] = {}
        while True:
            self._skip_space()
            if self.at >= len(text):
                raise BibtexSyntaxError(f"the entry is never closed with '{close}'")
            if text[self.at] == close:
                self.at += 1
                break
            if text[self.at] == ",":
                self.at += 1  # A doubled comma.
                continue
            if text[self.at] == "%":
                end = text.find("\n", self.at)  # A comment between fields, as biber allows.
                self.at = len(text) if end < 0 else end
                continue
            if text[self.at] == "@" and self._at_line_start(self.at):
                raise BibtexSyntaxError(f"the entry is never closed with '{close}'")
            name, value = self._field()
            fields.setdefault(name, value)
            self._skip_space()
            if self.at < len(text) and text[self.at] == ",":
                self.at += 1
            elif self.at < len(text) and text[self.at] not in (close, "%") and not _WORD.match(text[self.at]):
                # A missing comma before the next field is forgiven; anything else is not.
                raise BibtexSyntaxError(f"expected ',' or '{close}' after field '{name}'")
        return kind, key, fields

    def _field(self) -> tuple[str, str]:
        match = _FIELD_NAME.match(self.text, self.at)
        if not match:
            raise BibtexSyntaxError(f"expected a field name, found {self.text[self.at:self.at + 15]!r}")
        self.at = match.end()
        name = " ".join(match.group().lower().split())
        self._expect("=", f"expected '=' after field name '{name}'")
        return name, self._value(name)

    def _value(self, name: str = "") -> str:
        pieces = []
        text = self.text
        while True:
            self._skip_space()
            char = text[self.at] if self.at < len(text) else ""
            if char == "{":
                pieces.append(self._braced())
            elif char == '"':
                pieces.append(self._quoted())
            elif char and _WORD.match(char):
                word = self._word()
                pieces.append(self.strings.get(word.lower(), word))
            else:
                raise BibtexSyntaxError(f"field '{name}' has no value")
            self._skip_space()
            if self.at < len(text) and text[self.at] == "#":
                self.at += 1
                continue
            return "".join(pieces)

    def _braced(self) -> str:
        text, start, depth = self.text, self.at, 0
        position = start
        while True:
            match = _BRACE.search(text, position)
            if match is None:
                raise BibtexSyntaxError("a '{' is never closed")
            position = match.end()
            if match.group() == "{":
                depth += 1
            elif match.group() == "}":
                depth -= 1
                if depth == 0:
                    self.at = position
                    return text[start + 1 : position - 1]
            # "\{" and "\}" are escaped braces: they do not nest.

    def _quoted(self) -> str:
        text, start, depth = self.text, self.at + 1, 0
        position = start
        while position < len(text):
            char = text[position]
            if char == "\\":
                position += 2
                continue
            depth += (char == "{") - (char == "}")
            if char == '"' and depth == 0:
                self.at = position + 1
                return text[start:position]
            position += 1
        raise BibtexSyntaxError("a '\"' is never closed")

    def _word(self) -> str:
        match = _WORD.match(self.text, self.at)
        if match is None:
            return ""
        self.at = match.end()
        return match.group()

    def _expect(self, char: str, message: str = "") -> None:
        self._skip_space()
        if self.at >= len(self.text) or self.text[self.at] != char:
            raise BibtexSyntaxError(message or f"expected '{char}'")
        self.at += 1

    def _skip_space(self) -> None:
        match = _SPACE.match(self.text, self.at)
        if match:
            self.at = match.end()

    def _skip_comment(self) -> None:
        """``@comment{...}`` is skipped whole; ``@comment`` without a brace is a line comment."""
        self._skip_space()
        if self.at < len(self.text) and self.text[self.at] == "{":
            try:
                self._braced()
                return
            except BibtexSyntaxError:
                pass
        end = self.text.find("\n", self.at)
        self.at = len(self.text) if end < 0 else end

    def _at_line_start(self, position: int) -> bool:
        line_start = self.text.rfind("\n", 0, position) + 1
        return not self.text[line_start:position].strip()

    def _resync(self, start: int) -> None:
        """Go on at the next ``@`` at the start of a line after the broken entry's own."""
        match = _ENTRY_AT_LINE_START.search(self.text, start + 1)
        self.at = match.end() - 1 if match else len(self.text)

    def _key_after(self, start: int) -> str:
        match = re.compile(r"@\s*[^\s{(]*\s*[{(]\s*([^\s,{}()=\"#%]+)\s*,").match(self.text, start)
        return match.group(1) if match else ""


_BRACE = re.compile(r"\\[{}]|[{}]")
_SPACE = re.compile(r"\s+")
