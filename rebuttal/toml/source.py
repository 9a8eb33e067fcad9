"""Read TOML files and find the line of a field, so errors can say where.

``tomllib`` returns plain dicts without positions, so :class:`TomlSource` keeps
the text and maps a field path such as ``("body", 2, "block")`` back to the
line that set it. The scan understands table headers, arrays of tables and
multi-line strings, which is all our files use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.text.printable import unwritable_character
from rebuttal.toml.scan import Header, structure

FieldPath = tuple[str | int, ...]

_DECODE_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass
class TomlSource:
    """A parsed TOML document together with the line of every key it sets."""

    path: Path
    text: str
    data: dict[str, Any]
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int | None:
        """Line of ``path``, or of its nearest enclosing table that we know."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return None

    def error(self, path: FieldPath, message: str) -> RebuttalError:
        """An error located at ``path`` in this file."""
        return RebuttalError(
            message, file=self.path, line=self.line_of(path), field=dotted(path) or None
        )


def dotted(path: FieldPath) -> str:
    """``("body", 2, "block")`` -> ``body[3].block`` (1-based, as people count)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


def read_toml(path: Path) -> TomlSource:
    """Parse ``path``; raise :class:`RebuttalError` with its line on bad TOML."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RebuttalError("file not found", file=path) from None
    except OSError as exc:
        raise RebuttalError(f"cannot read file: {exc.strerror}", file=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RebuttalError("file is not UTF-8 text", file=path, line=line) from None
    return parse_toml(text, path)


def parse_toml(text: str, path: Path) -> TomlSource:
    """Parse TOML ``text`` that came from ``path``."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise RebuttalError("invalid TOML: nested too deeply (arrays or tables hundreds of levels deep)",
                            file=path) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _DECODE_POSITION.search(message)
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in message:
            line = max(1, len(text.splitlines()))
        impossible = _impossible_date(text, line)
        if impossible is not None:
            raise RebuttalError(impossible[1], file=path, line=line, field=impossible[0]) from None
        message = message.replace("(at end of document)", "at the end of the file")
        message = _DECODE_POSITION.sub("", message).strip()
        raise RebuttalError(f"invalid TOML: {message}", file=path, line=line) from None
    return TomlSource(path=path, text=text, data=data, lines=_index_lines(text))


_DATE_VALUE = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=\s*(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _impossible_date(text: str, line: int | None) -> tuple[str, str] | None:
    """``(field, message)`` when the bad line sets an unquoted date that cannot exist.

    tomllib reads ``date = 2025-13-45`` as a number followed by junk and says only
    "Expected newline or end of document"; the person needs to hear which field
    holds a date that is not real.
    """
    if line is None:
        return None
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    match = _DATE_VALUE.match(lines[line - 1])
    if match is None:
        return None
    import datetime as dt

    key, year, month, day = match.group(1), *(int(g) for g in match.groups()[1:])
    try:
        dt.date(year, month, day)
    except ValueError:
        written = f"{match.group(2)}-{match.group(3)}-{match.group(4)}"
        located = [path for path, number in _index_lines(text).items() if number == line and path]
        if located:
            key = dotted(located[-1])
        return key, f"{written} is not a real date (YYYY-MM-DD, month 1-12, a day the month has)"
    return None


def find_control_character(value: str) -> str | None:
    """What the first character in ``value`` that no letter can hold is, e.g. ``a control character
    (U+0001)`` (see :mod:`rebuttal.text.printable`); None when there is none."""
    return unwritable_character(value)


def _index_lines(text: str) -> dict[FieldPath, int]:
    """Map each table header and key to the (1-based) line that sets it."""
    lines: dict[FieldPath, int] = {}
    table: FieldPath = ()
    array_counts: dict[tuple[str, ...], int] = {}
    for index, line in structure(text.splitlines()):
        if isinstance(line, Header):
            if line.is_array:
                count = array_counts.get(line.name, 0)
                array_counts[line.name] = count + 1
                table = (*line.name, count)
            else:
                table = line.name
            lines.setdefault(table, index + 1)
        else:
            lines.setdefault((*table, line.name), index + 1)
    return lines
