"""What the library index knows of a block without parsing it (:class:`BlockInfo`).

Its own module, below the index that makes it (``index`` is a ``BlockIndex``, untyped here so that
the two do not import each other).
"""

from __future__ import annotations

from typing import Any


class BlockInfo:
    """What the index knows of a block without parsing it: enough to list, filter and rank.

    Its searchable text (the whole wording) stays in the index until asked for: 10,000
    blocks' wording is megabytes the app's list never shows (``SearchIndex`` reads it all at
    once with :meth:`BlockIndex.search_texts`).
    """

    __slots__ = ("_index", "_text", "applies_unless", "applies_when", "id", "kind", "path", "short", "status",
                 "summary", "tags", "title", "version", "wordings")

    def __init__(self, block_id: str, title: str, kind: str, tags: tuple[str, ...], summary: str,
                 short: bool, version: str, status: str, path: str | None, search_text: str | None,
                 index: Any = None, *, wordings: tuple[str, ...] = (),
                 applies_when: tuple[str, ...] = (), applies_unless: tuple[str, ...] = ()) -> None:
        self.id, self.title, self.kind, self.tags, self.summary = block_id, title, kind, tags, summary
        self.short, self.version, self.status, self.path = short, version, status, path
        self._text, self._index = search_text, index
        self.wordings = wordings  # the design families it has its own wording for
        self.applies_when, self.applies_unless = applies_when, applies_unless

    @classmethod
    def of(cls, block: Any) -> BlockInfo:
        """The summary of a parsed block."""
        return cls(block.id, block.title, block.kind, tuple(block.tags), block.summary, bool(block.short),
                   block.version, block.status, str(block.path) if block.path else None, block.search_text,
                   wordings=tuple(w.family for w in block.wordings), applies_when=tuple(block.applies_when),
                   applies_unless=tuple(block.applies_unless))

    @property
    def search_text(self) -> str:
        """Lower-cased id, title, tags, summary and text (read from the index each time if not held)."""
        if self._text is not None:
            return self._text
        return self._index.search_text_of(self.path or "") if self._index is not None else ""

    @property
    def in_index(self) -> Any:
        """The index whose row holds this block's searchable text (None when the text is held here)."""
        return self._index if self._text is None else None

    def __repr__(self) -> str:
        return f"BlockInfo({self.id!r})"
