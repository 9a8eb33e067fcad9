"""Choosing the editors' Word file for a merge (F6): the Word files of a folder, newest first.

The dialog opens on the letter's folder with the file the editors most likely sent back
highlighted (:func:`suggested_edited_docx`); the letter's own export is marked as such and Word's
``~$`` lock files are left out. Enter on a folder opens it and Backspace goes up one, so any
folder can be browsed from the keyboard; the path box below takes a typed path too, completing
it from the folder's entries (→ accepts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from rebuttal.ui.dialogs import Apply, PathScreen
from rebuttal.ui.key_order import focus_now

WORD = ".docx"
LOCK_PREFIX = "~$"  # Word's owner file beside an open document: a lock, not a letter


@dataclass(frozen=True)
class WordFile:
    """A Word file of the folder shown: its path, when it was last changed, whether it is the export."""

    path: Path
    modified: float
    export: bool


def export_of(outline: Path | None) -> Path:
    """Where the letter's own DOCX export goes by default: ``letter.docx`` beside ``letter.toml``."""
    folder = outline.parent if outline else Path.cwd()
    return folder / f"{outline.stem if outline else 'letter'}{WORD}"


def word_files(folder: Path, exports: Iterable[Path] = ()) -> list[WordFile]:
    """The Word files in ``folder``, newest first, ``~$`` lock files left out; those in ``exports``
    are marked as the letter's export. An unreadable folder has none."""
    exported = {_resolved(path) for path in exports}
    found = []
    try:
        for path in folder.iterdir():
            if path.suffix.lower() != WORD or path.name.startswith(LOCK_PREFIX):
                continue
            try:
                if path.is_file():
                    found.append(WordFile(path, path.stat().st_mtime, _resolved(path) in exported))
            except OSError:
                continue  # gone meanwhile, or a link to nowhere
    except OSError:
        return []
    return sorted(found, key=lambda f: (-f.modified, f.path.name))


def suggested_edited_docx(outline: Path | None, exports: Iterable[Path] = ()) -> Path:
    """The DOCX the editors most likely sent back: the newest Word file beside the letter that is not
    its own export (``letter.docx``, or one this window exported); the export itself only when there
    is no other."""
    export = export_of(outline)
    files = word_files(export.parent, [export, *exports])
    others = [f.path for f in files if not f.export]
    return others[0] if others else export


def subfolders(folder: Path) -> list[Path]:
    """The folders in ``folder`` a person may look into (hidden ones left out), by name."""
    try:
        found = [p for p in folder.iterdir() if not p.name.startswith(".") and p.is_dir()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name.casefold())


def shown_path(path: Path) -> str:
    """``path`` as the dialog shows it: ``~/…`` under the home folder (shorter, and what people type)."""
    try:
        inside = path.relative_to(Path.home())
    except (ValueError, RuntimeError):  # (RuntimeError: no home folder known)
        return str(path)
    return "~" if inside == Path() else f"~/{inside}"


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _when(modified: float, today: dt.date) -> str:
    moment = dt.datetime.fromtimestamp(modified)
    if moment.date() == today:
        return f"today {moment:%H:%M}"
    if moment.date() == today - dt.timedelta(days=1):
        return f"yesterday {moment:%H:%M}"
    return f"{moment:%Y-%m-%d %H:%M}"


class PathSuggester(Suggester):
    """Completes a typed path from its folder's entries: folders (ending in ``/``) and Word files."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # a folder's content changes

    async def get_suggestion(self, value: str) -> str | None:
        """The first entry (folders first, then Word files, by name) that the typed name begins."""
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, start = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        words = [f.path for f in sorted(word_files(folder), key=lambda f: f.path.name.casefold())]
        for entry in [*subfolders(folder), *words]:
            if entry.name.casefold().startswith(start.casefold()) and entry.name != start:
                completed = entry.name + ("/" if entry.is_dir() else "")
                return value[: len(value) - len(start)] + completed
        return None


class DocxPickScreen(PathScreen):
    """The editors' Word file: the folder's Word files, newest first, its folders, and a path box."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("backspace", "parent", "Up a folder", id="pick.parent"),
    ]

    def __init__(self, title: str, suggested: Path, apply: Apply, *, exports: Iterable[Path] = (),
                 action: str = "Review changes", today: dt.date | None = None) -> None:
        suggested = _resolved(suggested)  # (a letter opened by a relative path: its folder's own name)
        super().__init__(title, suggested, apply, formats=False, action=action)
        self.folder = suggested.parent
        self.exports = [_resolved(path) for path in exports]
        self.today = today or dt.date.today()
        self.entries: list[Path] = []  # the list's rows, by index (folders and files)

    def compose(self) -> ComposeResult:
        """The folder, its Word files and folders, the path box and the buttons."""
        with Vertical(classes="dialog", id="pick"):
            yield Label(self.title_text, classes="question")
            yield Label("", id="pick-folder")
            yield OptionList(id="pick-files", compact=True)
            yield Label("Enter reviews the file, or opens a folder; Backspace goes up a folder; "
                        "Tab to type a path (→ completes it).", id="pick-hint")
            yield Input(shown_path(self.suggested), id="path", compact=True, suggester=PathSuggester(),
                        select_on_focus=False)
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(self.action_label, id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self, event: events.Mount) -> None:
        """Show the letter's folder, the suggested file highlighted and focused."""
        event.prevent_default()  # (not the path box's focus, as PathScreen has it)
        self.show_error("")
        self.browse(self.folder, highlight=self.suggested)
        focus_now(self.query_one("#pick-files", OptionList))

    def browse(self, folder: Path, *, highlight: Path | None = None) -> None:
        """List ``folder``: its Word files newest first (the export marked), then the folder above and
        the folders in it; ``highlight`` (else the newest file) gets the cursor."""
        self.folder = folder = _resolved(folder)
        files = word_files(folder, self.exports)
        folders = ([folder.parent] if folder.parent != folder else []) + subfolders(folder)
        self.query_one("#pick-folder", Label).update(
            Text(f"Word files in {shown_path(folder)}, newest first:", no_wrap=True, overflow="ellipsis"))
        options: list[Option] = []
        self.entries = []
        for file in files:
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append(f"{_when(file.modified, self.today):>16}  ", style="dim")
            row.append(file.path.name)
            if file.export:
                row.append("  (this letter's export)", style="yellow")
            options.append(Option(row))
            self.entries.append(file.path)
        if not files:
            options.append(Option(Text("No Word file here", style="dim"), disabled=True))
            self.entries.append(folder)
        for index, path in enumerate(folders):
            name = "‥ the folder above" if index == 0 and path == folder.parent else f"{path.name}/"
            options.append(Option(Text(f"{'folder':>16}  {name}", style="cyan", no_wrap=True,
                                       overflow="ellipsis")))
            self.entries.append(path)
        listing = self.query_one("#pick-files", OptionList)
        listing.set_options(options)
        wanted = highlight if highlight in self.entries else (files[0].path if files else None)
        if wanted is not None:
            listing.highlighted = self.entries.index(wanted)
        elif folders:
            listing.highlighted = len(self.entries) - len(folders)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The path box follows the cursor: it holds what Enter reviews."""
        path = self.entries[event.option_index]
        if path.suffix.lower() == WORD:
            self._put_in_box(path)

    def _put_in_box(self, path: Path) -> None:
        """Show ``path`` in the path box, its cursor at the end (where typing goes on, or Ctrl+U clears)."""
        box = self.query_one("#path", Input)
        box.value = shown_path(path)
        box.cursor_position = len(box.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a file reviews it; on a folder, opens it."""
        path = self.entries[event.option_index]
        if path.suffix.lower() == WORD and not path.is_dir():
            self._put_in_box(path)
            self.submit()
        else:
            self.browse(path)

    def action_parent(self) -> None:
        """Backspace in the list: the folder above (the one left highlighted)."""
        if self.focused is self.query_one("#pick-files", OptionList) and self.folder.parent != self.folder:
            self.browse(self.folder.parent, highlight=self.folder)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path box: a folder typed is opened in the list, a file reviewed."""
        event.prevent_default()  # (PathScreen's handler would submit a second time)
        typed = Path(event.value.strip() or ".").expanduser()
        if typed.is_dir():
            self.browse(typed.resolve())
            focus_now(self.query_one("#pick-files", OptionList))
            return
        self.submit()
