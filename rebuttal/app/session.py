"""The letter being edited in the app, without any user interface.

A :class:`Session` holds the library, the outline and its file, and offers
every change the app can make (add, remove, move, duplicate, switch variant,
edit text, change the article...). Each change is recorded for undo, checked
by assembling the letter, and leaves ``document`` — the one Document the
preview and every export are drawn from — up to date. A change that would
break a letter that assembled (an unknown citation key in edited text, say)
is refused with a message instead of being applied.

Here: the session itself, its changes and undo, and the letter's details. Its other
parts are mixins: the body's items (:mod:`rebuttal.app.body`), the file
(:mod:`rebuttal.app.letter_file`), the status line and checks (:mod:`rebuttal.app.status`).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rebuttal.app.body import BodyActions
from rebuttal.app.letter_file import FileActions, FileChangedOnDisk, read_text
from rebuttal.app.signatories import Signatories
from rebuttal.app.status import Status, StatusActions
from rebuttal.app.undo import History
from rebuttal.errors import ChangeRefused, RebuttalError
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import LetterInfo, Outline, SocietyChoice, load_outline
from rebuttal.library.stack import Library
from rebuttal.model import Document
from rebuttal.refs.article import Article
from rebuttal.text.printable import without_unwritable

__all__ = ["ChangeRefused", "FileChangedOnDisk", "Session", "Status"]


class Session(BodyActions, FileActions, StatusActions):
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
        self.file_text: str | None = read_text(path)
        self.today = today
        self.history: History[Outline] = History()
        self.dirty = False
        self.read_only = ""  # why changes and saves are refused (opened while another window edits it)
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
        if self.read_only:
            raise ChangeRefused(self.read_only)
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

    # -- who signs ---------------------------------------------------------------------------
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

