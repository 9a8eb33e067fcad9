"""The lines that give a TOML file its shape: table headers and keys, multi-line strings skipped.

Both reading with positions (:mod:`rebuttal.toml.source`: the line of each
field) and editing in place (:mod:`rebuttal.toml.edit`: the sections of a file)
walk a file this way. It understands what our files use: ``[table]`` and
``[[array]]`` headers (dotted and quoted names), bare and quoted keys, and
``\"\"\"`` / ``'''`` strings over several lines, whose lines are text, never headers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')\s*=")


@dataclass(frozen=True)
class Header:
    """A ``[name]`` or ``[[name]]`` line: the table's dotted name, in parts."""

    name: tuple[str, ...]
    is_array: bool


@dataclass(frozen=True)
class Key:
    """A ``key = value`` line (the key without its quotes)."""

    name: str


def structure(lines: Iterable[str]) -> Iterator[tuple[int, Header | Key]]:
    """``(index, Header or Key)`` of every line (0-based) that opens a table or sets a key."""
    in_string: str | None = None
    for index, line in enumerate(lines):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header:
            name = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            yield index, Header(name, header.group(1) == "[[")
            continue
        key = _KEY.match(line)
        if key:
            yield index, Key(key.group(1).strip("\"'"))
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
                    break
