"""The ``overlap`` rule: the share of the letter's words standing in word runs shared with earlier letters.

Journals run Similarity Check (iThenticate) on what they receive, and the society's own earlier letters,
once published, are among its sources: reusing approved wording is what rebuttal is for, so a letter can
match the society's earlier letters far above what an editorial office reads closely. The rule measures
that before the journal does (:mod:`rebuttal.record.overlap`), against the venue's ``max_overlap`` (15%
when the profile sets none; docs/record.md gives the source).
"""

from __future__ import annotations

from rebuttal.letter.check_result import CheckResult, Unit, rule_result
from rebuttal.letter.outline import Outline
from rebuttal.library.stack import Library
from rebuttal.library.venues import Venue
from rebuttal.model import Document, Inline, Span
from rebuttal.record.overlap import DEFAULT_MAX_OVERLAP, Overlap, find_overlap


def letter_segments(document: Document) -> list[tuple[int, str]]:
    """The letter's counted text as (outline position, words) pairs: headings and paragraphs in order,
    citations left out (their numbers differ between letters)."""
    segments: list[tuple[int, str]] = []

    def add(position: int, inlines: tuple[Inline, ...]) -> None:
        segments.append((position, "".join(i.text for i in inlines if isinstance(i, Span))))

    for point in document.points:
        if point.source is not None:
            add(point.source.position, point.heading)
    for paragraph in document.paragraphs():
        if paragraph.source is not None:
            add(paragraph.source.position, paragraph.inlines)
    return segments


def letter_overlap(library: Library, outline: Outline, document: Document, *,
                   detail: int | None = None) -> Overlap:
    """The letter's overlap with the letters recorded in the library's folders (not its own record);
    ``detail``: how many letters to name with their share and passages (None: every one)."""
    return find_overlap(library.folders, letter_segments(document),
                        exclude_target=(outline.article.doi, outline.article.pmid),
                        venue=outline.letter.venue, detail=detail)


def overlap_rule(library: Library, outline: Outline, document: Document, venue: Venue) -> CheckResult:
    """Fails when more of the letter than the venue's ``max_overlap`` stands in runs earlier letters hold."""
    overlap = letter_overlap(library, outline, document, detail=3)
    allowed = venue.max_overlap or DEFAULT_MAX_OVERLAP
    found = round(overlap.percent)
    ok = overlap.percent <= allowed
    if not overlap.by_letter:
        return rule_result("overlap", True, found, allowed, Unit.PERCENT)
    named = "; ".join(f"{shared.letter.named()}: {shared.percent:.0f}%" for shared in overlap.by_letter)
    more = f" and {overlap.more} more letters" if overlap.more else ""
    detail = f"shared with {named}{more}"
    if not ok:
        detail += "; `rebuttal letters overlap` shows the passages and what to do"
    return rule_result("overlap", ok, found, allowed, Unit.PERCENT, detail)
