"""Fit a letter to a venue's word limit by switching blocks to their short variants.

Blocks are shortened in reading order from the end: the opening and the first
points carry the argument, so the closing and supporting evidence give way
first. Each switch is re-assembled, so the count is the real one (placeholders
filled, headings included), and shortening stops as soon as the letter fits.
Only blocks used as written are switched: an item whose text the outline
replaces is the user's own wording and is left alone.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from rebuttal.letter.outline import Outline
from rebuttal.library.stack import Library
from rebuttal.model import Document


@dataclass(frozen=True)
class FitChange:
    """One block switched to its short variant, and the words that saved."""

    position: int
    block_id: str
    words_before: int
    words_after: int


@dataclass(frozen=True)
class FitResult:
    """The adjusted outline (a copy), what changed, and the letter it assembles to."""

    outline: Outline
    changes: tuple[FitChange, ...]
    document: Document
    limit: int | None

    @property
    def fits(self) -> bool:
        """True when there is no limit or the letter is within it."""
        return self.limit is None or self.document.word_count() <= self.limit


def fit_to_limit(
    library: Library, outline: Outline, limit: int | None, *, today: dt.date | None = None
) -> FitResult:
    """Switch blocks to short variants, last first, until the body has at most ``limit`` words.

    The given outline is not changed. When even every short variant is not
    enough, the result holds all the switches made and ``fits`` is False.
    """
    from rebuttal.letter.assemble import assemble

    fitted = copy.deepcopy(outline)
    document = assemble(library, fitted, today=today)
    changes: list[FitChange] = []
    if limit is None:
        return FitResult(fitted, (), document, limit)
    for position in reversed(range(len(fitted.body))):
        words = document.word_count()
        if words <= limit:
            break
        item = fitted.body[position]
        block = library.block(item.block) if item.block else None
        design = fitted.article.design
        if block is None or not block.has_short(design) or item.variant == "short" or item.text:
            continue
        item.variant = "short"
        document = assemble(library, fitted, today=today)
        changes.append(FitChange(position, block.id, words, document.word_count()))
    return FitResult(fitted, tuple(changes), document, limit)
