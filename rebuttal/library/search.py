"""Filtering the library: every word of the query must match, best matches first.

A word matches a block when it appears in its id, title, tags, summary or
text; when it appears nowhere, a fuzzy match (its letters in order inside a
title word) still counts, so "hetero" and "hetrogen" both find heterogeneity.

:class:`SearchIndex` lowers and joins each block's fields once, so the app
can filter a large library on every keystroke; ``filter_blocks`` is the
one-off form used by ``rebuttal blocks``. Both take the library's
:class:`~rebuttal.library.index.BlockInfo` summaries read from the index, so
filtering never parses a block file. The blocks' wording is read from the
index straight into one UTF-8 buffer (the "corpus"), never held twice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from rebuttal.library.index import BlockIndex, BlockInfo
from rebuttal.library.stack import Block

Listed = Block | BlockInfo  # either has id, title, kind, tags and search_text


def _subsequence(needle: str, haystack: str) -> bool:
    letters = iter(haystack)
    return all(char in letters for char in needle)


class _Entry:
    """A block's searchable fields, lower-cased once (a plain slotted class: made 10,000 times).

    Its text is ``corpus[start:end]`` of the index it belongs to.
    """

    __slots__ = ("block", "end", "initials", "parts", "start", "tags_and_id", "title")

    def __init__(self, block: Listed, start: int, end: int) -> None:
        title = block.title.lower()
        # Words of the title and id for fuzzy matching, kept as one string (split when needed):
        # 10,000 tuples of small strings and sets cost megabytes.
        self.parts = f"{title} {block.id.lower().replace('/', ' ')}"
        self.initials = "".join(sorted({part[:1] for part in self.parts.split()}))
        self.block, self.title, self.start, self.end = block, title, start, end
        self.tags_and_id = " ".join((*block.tags, block.id)).lower()

    def score(self, words: list[str], encoded: list[bytes], corpus: bytearray) -> int | None:
        """Higher is better; None when some word does not match at all (``encoded``: the words in UTF-8)."""
        total = 0
        for word, raw in zip(words, encoded, strict=True):
            if word in self.title:
                total += 30
            elif word in self.tags_and_id:
                total += 20
            elif corpus.find(raw, self.start, self.end) != -1:
                total += 5
            elif len(word) > 2 and word[0] in self.initials and any(
                part[:1] == word[:1] and _subsequence(word, part) for part in self.parts.split()
            ):
                # The first letter must agree: "hetrogen" finds heterogeneity,
                # while a random word does not match half the library.
                total += 1
            else:
                return None
        return total


class SearchIndex:
    """A library prepared for filtering on every keystroke.

    The lower-cased fields are made on the first query with words in it, not before: listing
    the library (no query) needs only the blocks in id order, and the app's first frame shows
    that list, so it does not wait for 10,000 blocks to be prepared for searching.
    """

    def __init__(self, blocks: Iterable[Listed]) -> None:
        # Kept in id order so that a stable sort on the score alone breaks ties by id.
        self._blocks: list[Listed] = sorted(blocks, key=lambda block: block.id)
        self._entries: list[_Entry] | None = None
        self._last: tuple[str, str | None, list[_Entry]] = ("", None, [])
        self._recent: dict[tuple[str, str | None], list[Listed]] = {}
        self._corpus = bytearray()
        self._starts: list[int] = []
        self._by_initial: dict[str, set[int]] = {}

    @property
    def entries(self) -> list[_Entry]:
        """Every block's searchable fields, in id order (made the first time they are needed)."""
        if self._entries is None:
            # One buffer of every block's text lets find() skip the blocks a word is not in.
            corpus, entries = self._corpus, []
            for index, (block, text) in enumerate(_texts_in_order(self._blocks)):
                start = len(corpus)
                corpus += text.encode("utf-8")
                entry = _Entry(block, start, len(corpus))
                corpus += b"\x00"
                entries.append(entry)
                self._starts.append(start)
                for initial in entry.initials:
                    self._by_initial.setdefault(initial, set()).add(index)
            self._entries = entries
            self._last = ("", None, entries)
        return self._entries

    def prepare(self) -> None:
        """Make the searchable fields now (the app does it just after its first frame, while idle)."""
        _ = self.entries

    @property
    def prepared(self) -> bool:
        """Whether the searchable fields are made (listing needs none; the first search makes them)."""
        return self._entries is not None

    def blocks(self) -> list[Listed]:
        """Every block indexed, in id order."""
        return list(self._blocks)

    def _containing(self, word: str) -> set[int]:
        """Positions (in ``entries``) of the blocks whose text contains ``word``."""
        found: set[int] = set()
        corpus, starts, raw = self._corpus, self._starts, word.encode("utf-8")
        at = corpus.find(raw)
        while at != -1:
            index = bisect_right(starts, at) - 1
            found.add(index)
            # Continue after this block: one hit per block is enough.
            at = corpus.find(raw, starts[index + 1]) if index + 1 < len(starts) else -1
        return found

    def filter(self, query: str, *, kind: str | None = None) -> list[Listed]:
        """Blocks matching ``query`` (and ``kind``), best first, then by id."""
        remembered = self._recent.get((query, kind))
        if remembered is not None:  # Backspacing returns to a query typed a moment ago.
            return list(remembered)
        words = query.lower().split()
        if not words:  # every block (of the kind), in id order
            return [block for block in self._blocks if not kind or block.kind == kind]
        entries = self.entries
        last_query, last_kind, last_matches = self._last
        # Typing on narrows the query: whatever matches it matched the shorter one too.
        extends = query.startswith(last_query) and last_kind == kind and last_query.strip()
        candidates = last_matches if extends else entries
        if not extends:
            candidates = self._prefilter(words)
        if kind:
            candidates = [entry for entry in candidates if entry.block.kind == kind]
        encoded, corpus = [word.encode("utf-8") for word in words], self._corpus
        ranked = [(value, entry) for entry in candidates
                  if (value := entry.score(words, encoded, corpus)) is not None]
        ranked.sort(key=lambda item: -item[0])
        matches = [entry for _, entry in ranked]
        self._last = (query, kind, sorted(matches, key=lambda e: e.block.id))
        found = [entry.block for entry in matches]
        if len(self._recent) >= 64:
            self._recent.clear()
        self._recent[(query, kind)] = found
        return list(found)


    def _prefilter(self, words: list[str]) -> list[_Entry]:
        """Entries that could match every word: containing it, or a fuzzy candidate."""
        keep = None
        for word in words:
            hits = self._containing(word)
            if len(word) > 2:
                hits |= self._by_initial.get(word[0], set())
            keep = hits if keep is None else keep & hits
        return [self.entries[i] for i in sorted(keep or ())]


class _IndexRows:
    """One index's (block id, path, text) rows, read forward as blocks in id order ask for them."""

    def __init__(self, index: BlockIndex) -> None:
        self._rows = index.search_texts()
        self._row = next(self._rows, None)

    def text_for(self, block: BlockInfo) -> str | None:
        """The text of ``block``'s own row (rows of earlier ids, or of overridden files, are passed)."""
        while self._row is not None and self._row["block_id"] <= block.id:
            row = self._row
            self._row = next(self._rows, None)
            if row["block_id"] == block.id and row["path"] == block.path:
                return row["search_text"]
        return None


def _texts_in_order(blocks: list[Listed]) -> Iterator[tuple[Listed, str]]:
    """(block, searchable text) of ``blocks`` (sorted by id), the index's texts read as one stream.

    The index yields its rows by block id, the order of ``blocks``, so each text is used
    as it is read and none is kept.
    """
    streams: dict[BlockIndex, _IndexRows] = {}
    for block in blocks:
        index = block.in_index if isinstance(block, BlockInfo) else None
        if index is None:
            yield block, block.search_text
            continue
        rows = streams.get(index)
        if rows is None:
            rows = streams[index] = _IndexRows(index)
        text = rows.text_for(block)
        yield block, text if text is not None else block.search_text


def filter_blocks(blocks: Iterable[Listed], query: str, *, kind: str | None = None) -> list[Listed]:
    """Blocks matching ``query`` (and ``kind``), best first, then by id."""
    return SearchIndex(blocks).filter(query, kind=kind)
