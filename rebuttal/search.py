"""Filtering the library: every word of the query must match, best matches first.

A word matches a block when it appears in its id, title, tags, summary or
text; when it appears nowhere, a fuzzy match (its letters in order inside a
title word) still counts, so "hetero" and "hetrogen" both find heterogeneity.
"""

from __future__ import annotations

from collections.abc import Iterable

from rebuttal.library import Block


def _subsequence(needle: str, haystack: str) -> bool:
    letters = iter(haystack)
    return all(char in letters for char in needle)


def score(block: Block, words: list[str]) -> int | None:
    """Higher is better; None when some word does not match at all."""
    total = 0
    title = block.title.lower()
    tags = " ".join(block.tags).lower()
    text = block.search_text
    for word in words:
        if word in title:
            total += 30
        elif word in tags or word in block.id:
            total += 20
        elif word in text:
            total += 5
        elif len(word) > 2 and any(_subsequence(word, part) for part in title.split() + block.id.split("/")):
            total += 1
        else:
            return None
    return total


def filter_blocks(blocks: Iterable[Block], query: str, *, kind: str | None = None) -> list[Block]:
    """Blocks matching ``query`` (and ``kind``), best first, then by id."""
    words = query.lower().split()
    ranked = []
    for block in blocks:
        if kind and block.kind != kind:
            continue
        value = score(block, words) if words else 0
        if value is not None:
            ranked.append((-value, block.id, block))
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    return [block for _, _, block in ranked]
