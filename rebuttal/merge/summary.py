"""The first and last lines of a merge report: which file was merged against which outline, and
how many items came out in each state.

Its own module, importing nothing, so that the report of an export nobody changed
(:mod:`rebuttal.merge.unchanged`, without the DOCX reader) and the full report
(:func:`rebuttal.merge.report.describe`) say them in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False  # pathlib for the annotations only: the unchanged merge loads none
if TYPE_CHECKING:
    from pathlib import Path


def headline(docx: str | Path, outline: str | Path | None) -> str:
    """``letter.docx: merged against letter.toml``."""
    return f"{docx}: merged against {outline or 'the outline'}"


def summary_line(changed: bool, counts: Mapping[str, int]) -> str:
    """``no change: 7 unchanged`` or ``changes: 5 unchanged, 2 edited``."""
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    return ("changes" if changed else "no change") + f": {summary}"
