"""How a citation group looks in a letter, both ways: written by every renderer, read back by merge.

A journal prints each citation group in its own marker: ``(1,3-5)``, ``[1,3-5]``
or a raised ``1,3-5``. Citations are numbered once, at assembly; this module
is the one place that turns a group's numbers into what the reader sees
(:meth:`CitationMarker.printed`), and the one place that finds them again in
the text of an edited letter (:meth:`CitationMarker.find`,
:meth:`CitationMarker.read_raised`, :func:`parse_numbers`). A renderer only
decides how to raise a superscript group: DOCX raises the run, Markdown writes
``^2,3^``, the terminal uses superscript digits, plain text brackets
(:meth:`CitationMarker.plain`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A group as people type it: numbers, commas and (en) dashes, with spaces allowed around them.
_NUMBERS = r"\d{1,3}(?:\s*[,\-–]\s*\d{1,3})*"
_RAISED_GROUP = re.compile(rf"^\s*{_NUMBERS}\s*$")
# Every form :meth:`CitationMarker.printed` and :meth:`CitationMarker.plain` write in running text.
_MARKS_IN_TEXT = re.compile(r"[\(\[]\d[\d,\-–]*[\)\]]")


@dataclass(frozen=True)
class PrintedCitation:
    """A citation group as printed: its text, and whether it is raised (superscript)."""

    text: str
    superscript: bool = False


@dataclass(frozen=True)
class CitationMarker:
    """How a journal prints citation numbers: ``(1)``, ``[1]`` or superscript."""

    open: str = "("
    close: str = ")"
    superscript: bool = False
    range_separator: str = "-"

    @classmethod
    def named(cls, name: str) -> CitationMarker:
        """The marker called ``parentheses``, ``brackets`` or ``superscript``."""
        if name == "brackets":
            return cls("[", "]")
        if name == "superscript":
            return cls("", "", superscript=True)
        return cls()

    def printed(self, numbers: Iterable[int]) -> PrintedCitation:
        """The group of ``numbers`` as this marker prints it: ``(1,3-5)``, or ``1,3-5`` raised."""
        label = collapse_numbers(numbers, self.range_separator)
        if self.superscript:
            return PrintedCitation(label, superscript=True)
        return PrintedCitation(f"{self.open}{label}{self.close}")

    def plain(self, numbers: Iterable[int]) -> str:
        """The group in text that cannot raise a number: a raised group is written in brackets,
        because ``needed2,3`` would read as one word (``needed[2,3]``)."""
        marked = self.printed(numbers)
        return f"[{marked.text}]" if marked.superscript else marked.text

    def find(self, text: str) -> list[str | tuple[int, ...]]:
        """``text`` cut at the groups this (inline) marker prints: its words, and each group's numbers.

        ``"as shown (1,3-4) here"`` -> ``["as shown ", (1, 3, 4), " here"]``. A raised
        marker prints nothing in running text: :meth:`read_raised` reads its runs.
        """
        if self.superscript:
            return [text] if text else []
        group = re.compile(rf"{re.escape(self.open)}\s*({_NUMBERS})\s*{re.escape(self.close)}")
        found: list[str | tuple[int, ...]] = []
        position = 0
        for match in group.finditer(text):
            if match.start() > position:
                found.append(text[position : match.start()])
            found.append(parse_numbers(match.group(1)))
            position = match.end()
        if position < len(text):
            found.append(text[position:])
        return found

    def read_raised(self, text: str) -> tuple[int, ...] | None:
        """The numbers of a raised run that is a citation group (``2,3``); None for anything else."""
        if not self.superscript or not _RAISED_GROUP.match(text):
            return None
        return parse_numbers(text)


def collapse_numbers(numbers: Iterable[int], range_separator: str = "-") -> str:
    """Sort, de-duplicate and collapse runs: ``[2, 3]`` -> ``2,3``; ``[4..9]`` -> ``4-9``."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]}{range_separator}{ordered[end]}")
        else:
            parts.extend(str(number) for number in ordered[start : end + 1])
        start = end + 1
    return ",".join(parts)


def parse_numbers(label: str) -> tuple[int, ...]:
    """``1,3-5`` -> ``(1, 3, 4, 5)`` (en dashes and spaces too): :func:`collapse_numbers` undone."""
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", label.strip()):
        if not part:
            continue
        ends = re.split(r"\s*[\-–]\s*", part)
        first, last = int(ends[0]), int(ends[-1])
        numbers.extend(range(first, last + 1) if last >= first else (first, last))
    return tuple(numbers)


def without_marks(text: str) -> str:
    """``text`` with its bracketed citation groups (``(2,3)``, ``[4-9]``) blanked out, for counting words."""
    return _MARKS_IN_TEXT.sub(" ", text)
