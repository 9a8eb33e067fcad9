"""The body of the letter being edited: adding, removing, moving and editing its items.

A mixin of :class:`rebuttal.app.session.Session`, which provides the library, the outline and
``change`` (every edit here is one undoable change, checked by assembling the letter).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

from rebuttal.errors import ChangeRefused, RebuttalError
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import BodyItem, Outline
from rebuttal.library.stack import Block, Library
from rebuttal.model import Document


class BodyActions:
    """The letter's items, and every change to them the app offers."""

    library: Library
    outline: Outline
    today: dt.date | None
    change: Callable[[str, Callable[[Outline], object]], object]

    @property
    def body(self) -> list[BodyItem]:
        """The letter's items in reading order."""
        return self.outline.body

    def _item(self, index: int) -> BodyItem:
        if not 0 <= index < len(self.outline.body):
            raise ChangeRefused("no block is selected in the letter")
        return self.outline.body[index]

    def block_of(self, item: BodyItem) -> Block | None:
        """The library block an item uses (None for custom text)."""
        return self.library.block(item.block) if item.block else None

    def add_block(self, block_id: str, at: int | None = None) -> int:
        """Insert a use of ``block_id`` at ``at`` (default: the end); its index."""
        block = self.library.block(block_id)
        if block is None:
            raise ChangeRefused(f"unknown block '{block_id}'")
        where = len(self.body) if at is None else max(0, min(at, len(self.body)))
        # The version is recorded: the letter keeps this wording when the library's moves on.
        item = BodyItem(block=block_id, version=block.version)
        self.change(f"add {block.title}", lambda o: o.body.insert(where, item))
        return where

    def add_custom(self, kind: str, text: str, at: int | None = None) -> int:
        """Insert custom text (not from the library) of ``kind``; its index."""
        if not text.strip():
            raise ChangeRefused("custom text cannot be empty")
        where = len(self.body) if at is None else max(0, min(at, len(self.body)))
        item = BodyItem(kind=kind, text=text.strip())
        self.change("add custom text", lambda o: o.body.insert(where, item))
        return where

    def remove(self, index: int) -> int:
        """Remove item ``index``; the index to select afterwards."""
        item = self._item(index)
        self.change(f"remove {self.item_title(item)}", lambda o: o.body.pop(index))
        return min(index, len(self.body) - 1)

    def move(self, index: int, delta: int) -> int:
        """Move item ``index`` by ``delta`` places (clamped); its new index."""
        item = self._item(index)
        target = max(0, min(index + delta, len(self.body) - 1))
        if target == index:
            return index

        def mutate(outline: Outline) -> None:
            outline.body.insert(target, outline.body.pop(index))

        self.change(f"move {self.item_title(item)}", mutate)
        return target

    def duplicate(self, index: int) -> int:
        """Insert a copy of item ``index`` right after it; the copy's index."""
        item = self._item(index)
        self.change(
            f"duplicate {self.item_title(item)}",
            lambda o: o.body.insert(index + 1, copy.deepcopy(o.body[index])),
        )
        return index + 1

    def toggle_variant(self, index: int) -> str:
        """Switch item ``index`` between its full and short variant; the new variant."""
        item = self._item(index)
        block = self.block_of(item)
        if block is None or not block.has_short(self.outline.article.design):
            raise ChangeRefused(f"'{self.item_title(item)}' has no short variant")
        variant = "short" if item.variant == "full" else "full"

        def mutate(outline: Outline) -> None:
            outline.body[index].variant = variant

        self.change(f"{variant} variant of {self.item_title(item)}", mutate)
        return variant

    def restarts_numbering(self, index: int) -> bool:
        """True when item ``index`` is a paragraph between points, so the points after it start at 1."""
        kinds = [self._kind(item) for item in self.body]
        if kinds[index] == "concern" or self.body[index].part_of_point:
            return False
        before = next((k for k, item in zip(reversed(kinds[:index]), reversed(self.body[:index]),
                                             strict=True) if not item.part_of_point), "")
        after = kinds[index + 1] if index + 1 < len(kinds) else ""
        return before == "concern" and after == "concern"

    def toggle_part_of_point(self, index: int) -> bool:
        """Make item ``index`` part of the point before it (or its own paragraph again); the new state."""
        item = self._item(index)
        if self._kind(item) == "concern":
            raise ChangeRefused("a point is a point of its own; this is for a paragraph between points")
        joined = not item.part_of_point

        def mutate(outline: Outline) -> None:
            outline.body[index].part_of_point = joined

        self.change("join the point above" if joined else "separate from the point above", mutate)
        return joined

    def _kind(self, item: BodyItem) -> str:
        block = self.block_of(item)
        return block.kind if block else item.kind

    def original_text(self, index: int) -> str:
        """The text item ``index`` shows: its override, else the block's chosen variant."""
        item = self._item(index)
        block = self.block_of(item)
        return item.text or (block.variant_text(item.variant, self.outline.article.design) if block else "")

    def edit_item(self, index: int, text: str, title: str | None = None) -> None:
        """Change the text (and heading) of one use of a block, never the library block."""
        item = self._item(index)
        block = self.block_of(item)
        text = text.strip()
        design = self.outline.article.design
        if block is not None and _same_words(text, block.variant_text(item.variant, design)):
            text = ""  # Back to the approved wording: drop the override.
        if block is None and not text:
            raise ChangeRefused("custom text cannot be empty; remove the item instead")
        new_title = item.title if title is None else title.strip()
        if block is not None and new_title == block.title:
            new_title = ""

        def mutate(outline: Outline) -> None:
            outline.body[index].text = text
            outline.body[index].title = new_title

        self.change(f"edit {self.item_title(item)}", mutate)

    def item_title(self, item: BodyItem) -> str:
        """The heading or title people know an item by."""
        block = self.block_of(item)
        if item.title:
            return item.title
        if block is not None:
            return block.title
        words = item.text.split()
        return " ".join(words[:6]) + ("…" if len(words) > 6 else "")

    def preview_block(self, block: Block, variant: str = "full") -> Document | str:
        """``block`` alone, placeholders filled from this letter's article; or why it fails."""
        single = copy.copy(self.outline)
        short = block.has_short(self.outline.article.design)
        single.body = [BodyItem(block=block.id, variant=variant if short else "full")]
        single.signatories = []
        try:
            return assemble(self.library, single, today=self.today)
        except RebuttalError as error:
            return str(error)



def _same_words(first: str, second: str) -> bool:
    return first.split() == second.split()
