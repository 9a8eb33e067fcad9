"""The letter being edited in the app, without any user interface.

A :class:`Session` holds the library, the outline and its file, and offers
every change the app can make (add, remove, move, duplicate, switch variant,
edit text, change the article...). Each change is recorded for undo, checked
by assembling the letter, and leaves ``document`` — the one Document the
preview and every export are drawn from — up to date. A change that would
break a letter that assembled (an unknown citation key in edited text, say)
is refused with a message instead of being applied.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rebuttal.app.signatories import Signatories
from rebuttal.app.status import Status, StatusActions
from rebuttal.app.undo import History
from rebuttal.errors import ChangeRefused, RebuttalError
from rebuttal.files.lock import locked
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import BodyItem, LetterInfo, Outline, SocietyChoice, load_outline, save_outline
from rebuttal.library.stack import Block, Library
from rebuttal.model import Document
from rebuttal.refs.article import Article
from rebuttal.text.printable import without_unwritable

__all__ = ["ChangeRefused", "FileChangedOnDisk", "Session", "Status"]


class FileChangedOnDisk(ChangeRefused):
    """Save refused: someone else changed the letter's file since it was opened or saved."""


class Session(StatusActions):
    """One letter open for editing: outline, undo history, assembled document, file."""

    def __init__(
        self, library: Library, outline: Outline | None = None, path: Path | None = None,
        *, today: dt.date | None = None,
    ) -> None:
        self.library = library
        self.outline = outline or Outline()
        self.path = path
        # The file's text as this session last read or wrote it: a save edits it in
        # place, and a file that no longer holds it was changed by someone else.
        self.file_text: str | None = _read_text(path)
        self.today = today
        self.history: History[Outline] = History()
        self.dirty = False
        # The letter as its file holds it: undoing back to it is "no unsaved changes".
        self._saved = copy.deepcopy(self.outline)
        self.revision = 0
        self.document: Document | None = None
        self.error = ""
        self.rebuild()

    @classmethod
    def open(cls, library: Library, path: Path | None, *, today: dt.date | None = None) -> Session:
        """Open ``path`` (a new, empty letter when it does not exist yet)."""
        outline = load_outline(path) if path is not None and path.exists() else Outline()
        return cls(library, outline, path, today=today)

    # -- assembling -------------------------------------------------------------
    def rebuild(self) -> None:
        """Assemble the outline; on failure keep the last good document and the message."""
        try:
            self.document = assemble(self.library, self.outline, today=self.today)
            self.error = ""
        except RebuttalError as error:
            self.error = str(error)

    def change(self, label: str, mutate: Callable[[Outline], object]) -> object:
        """Apply ``mutate`` to a copy, check it assembles, then keep it (undoable)."""
        candidate = copy.deepcopy(self.outline)
        result = mutate(candidate)
        # Line numbers of the file on disk stop meaning anything once the letter is edited.
        candidate.source = None
        _drop_unwritable(candidate)  # pasted U+0001 or U+FFFE would make the saved file unloadable
        try:
            document = assemble(self.library, candidate, today=self.today)
            problem = ""
        except RebuttalError as error:
            document, problem = None, str(error)
        if problem and not self.error:
            raise ChangeRefused(problem)
        self.history.record(self.outline, label)
        self.outline = candidate
        self.dirty = True
        self.revision += 1
        # The candidate's document is the new letter: no need to assemble twice.
        self.document = document or self.document
        self.error = problem
        return result

    def undo(self) -> str | None:
        """Undo the last change; its label, or None when there was nothing to undo."""
        snapshot = self.history.undo(self.outline)
        return self._restore(snapshot.state, snapshot.label) if snapshot else None

    def redo(self) -> str | None:
        """Redo the last undone change; its label, or None."""
        snapshot = self.history.redo(self.outline)
        return self._restore(snapshot.state, snapshot.label) if snapshot else None

    def _restore(self, outline: Outline, label: str) -> str:
        self.outline = outline
        self.dirty = outline != self._saved
        self.revision += 1
        self.rebuild()
        return label

    # -- the body of the letter ------------------------------------------------------
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

    @property
    def signatories(self) -> Signatories:
        """Who signs, as the app edits it (:mod:`rebuttal.app.signatories`)."""
        return Signatories(self)

    # -- letter, society and article -----------------------------------------------------
    def update_details(
        self, letter: LetterInfo, society: SocietyChoice, article: Article, label: str = "edit details",
        cosigners: list[SocietyChoice] | None = None,
    ) -> None:
        """Replace the letter, society and article parts (and the co-signers) in one undoable change."""

        def mutate(outline: Outline) -> None:
            outline.letter = copy.deepcopy(letter)
            outline.society = copy.deepcopy(society)
            outline.article = copy.deepcopy(article)
            if cosigners is not None:
                outline.cosigners = copy.deepcopy(cosigners)

        self.change(label, mutate)

    def set_society(self, society_id: str) -> None:
        """Choose the society profile that signs the letter."""
        if society_id and society_id not in self.library.societies:
            raise ChangeRefused(f"unknown society '{society_id}'")

        def mutate(outline: Outline) -> None:
            outline.society = SocietyChoice(id=society_id, overrides=outline.society.overrides)

        self.change("choose society", mutate)

    def set_letter_field(self, name: str, value: str) -> None:
        """Set one ``[letter]`` field (venue, style, title...)."""

        def mutate(outline: Outline) -> None:
            setattr(outline.letter, name, value)

        self.change(f"set {name}", mutate)

    # -- files ----------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """True when the letter's file no longer holds what this session last read or wrote."""
        if self.path is None:
            return False
        return _read_text(self.path) != self.file_text

    def save(self, path: Path | None = None, *, overwrite: bool = False) -> Path:
        """Write the outline atomically (to ``path``, which becomes the letter's file).

        The file is edited in place: only what changed is rewritten, comments kept.
        Saving over the letter's own file after someone else changed it raises
        :class:`FileChangedOnDisk` unless ``overwrite`` says the person chose to.
        """
        target = path or self.path
        if target is None:
            raise ChangeRefused("the letter has no file yet; choose where to save it")
        same_file = self.path is not None and target.resolve() == self.path.resolve()
        with locked(target):  # no other save between the check and the write
            if same_file and not overwrite and self.changed_on_disk():
                raise FileChangedOnDisk(f"{target.name} was changed on disk since you opened it")
            original = _read_text(target)
            self.file_text = save_outline(self.outline, target, original)
        self.path = target
        self.dirty = False
        self._saved = copy.deepcopy(self.outline)
        return target

    def reload(self) -> None:
        """Read the letter's file again, replacing the letter (undoable)."""
        if self.path is None:
            raise ChangeRefused("the letter has no file to reload")
        try:
            fresh = load_outline(self.path)
        except RebuttalError as error:
            raise ChangeRefused(str(error)) from None
        text = _read_text(self.path)
        self.history.record(self.outline, "reload from disk")
        self.outline = fresh
        self.file_text = text
        self.dirty = False
        self._saved = copy.deepcopy(fresh)
        self.revision += 1
        self.rebuild()

    def export(self, path: Path, fmt: str) -> Path:
        """Render the current document to ``path`` in format ``fmt`` (a name from
        ``rebuttal.render.formats``: docx, pdf, md, txt), atomically."""
        from rebuttal.render import check_can_write, render_to_file
        from rebuttal.render.formats import export_format

        export = export_format(fmt)
        if self.document is None or self.error:
            raise ChangeRefused(self.error or "the letter does not assemble yet")
        check_can_write(export)  # LibreOffice missing: the same one line as `rebuttal build`
        options: dict[str, object] = {}
        if export.takes("origin"):  # The export remembers its outline, for `rebuttal merge`.
            from rebuttal.exchange.exports import export_origin

            options["origin"] = export_origin(self.path)  # its text kept: a merge's base
        render_to_file(self.document, path, export, **options)
        if export.takes("origin"):
            from rebuttal.exchange.exports import note_export

            note_export(Path(path), self.path)  # when this letter was exported (merge of an unchanged one)
        return path

    # -- status -------------------------------------------------------------------------------
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


def _read_text(path: Path | None) -> str | None:
    """The file's text, or None when there is no file (or it cannot be read)."""
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _drop_unwritable(value: Any) -> Any:
    """``value`` (the outline, its parts) without characters no letter can hold: lists, dicts and
    dataclasses changed in place, text and frozen dataclasses (signatories) replaced."""
    if isinstance(value, str):
        return without_unwritable(value)
    if isinstance(value, list):
        value[:] = [_drop_unwritable(part) for part in value]
    elif isinstance(value, dict):
        value.update({key: _drop_unwritable(part) for key, part in value.items()})
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for entry in dataclasses.fields(value):
            old = getattr(value, entry.name)
            new = _drop_unwritable(old)
            if new is not old and entry.init:
                changed[entry.name] = new
        if changed and value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return dataclasses.replace(value, **changed)
        for name, new in changed.items():
            setattr(value, name, new)
    return value


def _same_words(first: str, second: str) -> bool:
    return first.split() == second.split()
