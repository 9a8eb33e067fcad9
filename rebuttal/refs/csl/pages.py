"""Page ranges as CSL styles want them, done right.

citeproc-py elides every range it can split on a hyphen, so ``S1-S127``
becomes ``S1-27`` and ``S27-S208`` becomes ``S27-08``. We format ranges
ourselves: purely numeric ranges follow the style's ``page-range-format``
(CSL 1.0.2 rules); anything with letters (``S1-S127``, ``e328-e332``) is
printed as given, only the delimiter changes.
"""

from __future__ import annotations

import re

_RANGE = re.compile(r"\s*(?:--|[-–—])\s*")


def format_pages(page: str, range_format: str | None, delimiter: str) -> str:
    """``"284-290"`` with ``minimal`` and ``-`` -> ``284-90``; ``S1-S127`` stays whole."""
    pieces = []
    for part in page.split(","):
        part = part.strip()
        ends = _RANGE.split(part)
        if len(ends) != 2 or not all(ends):
            pieces.append(part)
            continue
        first, last = ends
        if first.isdigit() and last.isdigit():
            last = elide(first, expand(first, last), range_format)
        pieces.append(f"{first}{delimiter}{last}")
    return ", ".join(pieces)


def expand(first: str, last: str) -> str:
    """The full second number: ``("321", "28")`` -> ``328``; a second number that is not shorter stays."""
    if len(last) < len(first):
        expanded = first[: len(first) - len(last)] + last
        if int(expanded) >= int(first):
            return expanded
    return last


def elide(first: str, last: str, range_format: str | None) -> str:
    """The second number shortened per ``range_format`` (``last`` is already full)."""
    if range_format in (None, "", "expanded") or len(first) != len(last) or int(last) < int(first):
        return last
    if range_format == "minimal":
        return _drop_common(first, last, keep=1)
    if range_format == "minimal-two":
        return _drop_common(first, last, keep=2)
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        return _chicago(first, last, range_format)
    return last


def _drop_common(first: str, last: str, keep: int) -> str:
    """Drop the leading digits both share, keeping at least ``keep`` digits."""
    shared = 0
    while shared < len(first) and first[shared] == last[shared]:
        shared += 1
    return last[min(shared, max(len(last) - keep, 0)) :]


def _chicago(first: str, last: str, variant: str) -> str:
    """Chicago Manual of Style rules: 71-72, 100-104, 107-8, 321-28, 1496-1504 (16th)."""
    number = int(first)
    if number < 100 or number % 100 == 0:
        return last
    if number % 100 < 10:
        return _drop_common(first, last, keep=1)
    shortened = _drop_common(first, last, keep=2)
    if len(first) == 4 and len(shortened) >= 3 and variant != "chicago-15":
        return last
    return shortened
