"""The letter's file: saving it in place (only what changed), noticing it changed on disk,
reloading it, and exporting the letter beside it.

A mixin of :class:`rebuttal.app.session.Session`, which provides the outline, its undo history
and ``rebuild``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from rebuttal.app.undo import History
from rebuttal.errors import ChangeRefused, RebuttalError
from rebuttal.files.lock import locked
from rebuttal.letter.outline import Outline, is_toml, load_outline, outline_text, save_outline
from rebuttal.model import Document


class FileChangedOnDisk(ChangeRefused):
    """Save refused: someone else changed the letter's file since it was opened or saved."""


class FileActions:
    """Save, reload and export of the session's letter."""

    outline: Outline
    path: Path | None
    file_text: str | None  # the file's text as the session last read or wrote it
    read_only: str
    dirty: bool
    revision: int
    history: History[Outline]
    document: Document | None
    error: str
    _saved: Outline
    rebuild: Callable[[], None]

    def changed_on_disk(self) -> bool:
        """True when the letter's file no longer holds what this session last read or wrote."""
        if self.path is None:
            return False
        return read_text(self.path) != self.file_text

    def save(self, path: Path | None = None, *, overwrite: bool = False) -> Path:
        """Write the outline atomically (to ``path``, which becomes the letter's file).

        The file is edited in place: only what changed is rewritten, comments kept.
        Saving over the letter's own file after someone else changed it raises
        :class:`FileChangedOnDisk` unless ``overwrite`` says the person chose to.
        """
        target = path or self.path
        if self.read_only and (path is None or self.path is None or target.resolve() == self.path.resolve()):
            raise ChangeRefused(self.read_only)
        if target is None:
            raise ChangeRefused("the letter has no file yet; choose where to save it")
        same_file = self.path is not None and target.resolve() == self.path.resolve()
        with locked(target):  # no other save between the check and the write
            if same_file and not overwrite and self.changed_on_disk():
                raise FileChangedOnDisk(f"{target.name} was changed on disk since you opened it")
            if same_file or self.file_text is None:
                self.file_text = save_outline(self.outline, target, read_text(target))
            else:  # Save as: this letter's own file, edited as a save would (comments and layout
                # kept), replaces whatever the new name held
                from rebuttal.files.atomic import atomic_write_text

                own = self.file_text if is_toml(self.file_text) else None
                self.file_text = outline_text(self.outline, own)
                atomic_write_text(target, self.file_text, field=None)
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
        text = read_text(self.path)
        self.history.record(self.outline, "reload from disk")
        self.outline = fresh
        self.file_text = text
        self.dirty = False
        self._saved = copy.deepcopy(fresh)
        self.revision += 1
        self.rebuild()

    def read_file_as(self, text: str, outline: Outline) -> None:
        """The file now holds ``text`` (``outline``): the base of the next save and of "unsaved"."""
        self.file_text = text
        self._saved = copy.deepcopy(outline)
        self.dirty = self.outline != self._saved

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


def read_text(path: Path | None) -> str | None:
    """The file's text, or None when there is no file (or it cannot be read)."""
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None

