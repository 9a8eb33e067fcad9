"""Saving when the letter's file changed on disk: combine both versions, or the person chooses.

The question offers, first, to combine this window's changes with the file's
(:mod:`rebuttal.app.combine`: a three-way merge whose base is the file as this window read it);
changes to different items or fields combine without asking, and each field changed both ways
is shown side by side (:class:`ConflictScreen`) for the person to pick. The combination is one
undoable change, then saved. Reload, Save as and Overwrite stay for those who want them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, RadioButton, RadioSet

from rebuttal.app.combine import DiskChanges, changes_on_disk, combine
from rebuttal.app.session import ChangeRefused, Session
from rebuttal.letter.three_way import ABSENT, Conflict
from rebuttal.ui.dialogs import ConfirmScreen, Dialog
from rebuttal.ui.editor import LetterEditor
from rebuttal.ui.key_order import focus_now

Then = Callable[[], None] | None


class LetterFiles(Protocol):
    """What this needs of :class:`rebuttal.ui.letter_files.LetterFiles` (which imports this)."""

    editor: LetterEditor

    @property
    def session(self) -> Session: ...

    def write(self, path: Path, *, overwrite: bool = False) -> str:
        """Save to ``path`` now; '' when saved, else the message."""
        ...

    def save_as(self, then: Then = None) -> None:
        """Save to a file chosen now."""
        ...

    def forget_autosave(self) -> None:
        """The letter is its file again."""
        ...


def ask_about_newer_file(files: LetterFiles, then: Then = None) -> None:
    """The file changed on disk since this window read it: never overwrite it silently."""
    path = files.session.path
    assert path is not None
    question = (
        f"{path.name} was changed on disk since you opened or last saved it (another window, a "
        "colleague, git pull or rebuttal merge?). Combine both: changes to different parts are "
        "kept from both, and where both changed the same field you choose. Or reload it (losing "
        "your unsaved changes here), save yours under another name, or overwrite it."
    )

    def answered(answer: str | None) -> None:
        if answer == "combine":
            combine_and_save(files, then)
        elif answer == "reload":
            message = files.editor.attempt(files.session.reload)
            if message:
                files.editor.notify(message, title="Not reloaded", severity="error")
            else:
                files.forget_autosave()
                files.editor.notify(f"Reloaded {path.name} from disk (Ctrl+Z brings your version back)",
                                    title="Reloaded")
        elif answer == "save_as":
            files.save_as(then)
        elif answer == "overwrite" and not files.write(path, overwrite=True) and then is not None:
            then()

    files.editor.app.push_screen(ConfirmScreen(question, [
        ("combine", "Combine both"), ("reload", "Reload"), ("save_as", "Save as..."),
        ("overwrite", "Overwrite"), ("cancel", "Cancel"),
    ]), answered)


def combine_and_save(files: LetterFiles, then: Then = None) -> None:
    """Merge with the file on disk; ask about the fields both changed; save the combination."""
    try:
        found = changes_on_disk(files.session)
    except ChangeRefused as error:
        files.editor.notify(str(error), title="Not combined", severity="error")
        return
    if not found.conflicts:
        _apply(files, found, "mine", then)
        return

    def chosen(choices: dict | None) -> None:
        if choices is not None:
            _apply(files, found, choices, then)

    files.editor.app.push_screen(ConflictScreen(found), chosen)


def _apply(files: LetterFiles, found: DiskChanges, choose: Any, then: Then) -> None:
    message = files.editor.attempt(combine, files.session, found, choose)
    if message:
        files.editor.notify(message, title="Not combined", severity="error")
        return
    theirs = ", ".join(found.from_theirs) or "nothing new"
    files.editor.notify(f"Combined with the file on disk (from there: {theirs}). Ctrl+Z undoes it.",
                        title="Combined", timeout=8)
    if not files.write(found.path) and then is not None:
        then()


def shown(value: Any) -> str:
    """A field's value as the person reads it side by side."""
    if value is ABSENT or value is None:
        return "(not there)"
    if isinstance(value, dict):
        return ", ".join(f"{key} = {shown(part)}" for key, part in value.items()) or "(empty)"
    if isinstance(value, list):
        return "; ".join(shown(part) for part in value) or "(empty)"
    text = str(value)
    return text if text.strip() else "(empty)"


class ConflictScreen(Dialog):
    """The fields both versions changed, yours and the file's side by side: pick one of each."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="conflict.cancel"),
        Binding("ctrl+s", "apply", "Combine", id="conflict.apply", priority=True),
    ]

    def __init__(self, found: DiskChanges) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        """One row per conflict: its field, then yours and the file's, yours ticked."""
        count = len(self.found.conflicts)
        with Vertical(classes="dialog wide", id="conflicts"):
            yield Label(f"{self.found.path.name}: {count} field{'' if count == 1 else 's'} changed both "
                        "here and on disk. Choose which to keep; everything else is combined.",
                        classes="question")
            with VerticalScroll(id="conflict-rows"):
                for index, conflict in enumerate(self.found.conflicts):
                    yield Label(conflict.label, classes="section")
                    with RadioSet(id=f"conflict-{index}", classes="conflict"):
                        yield RadioButton(f"Yours: {shown(conflict.mine)}", value=True, id=f"mine-{index}")
                        yield RadioButton(f"On disk: {shown(conflict.theirs)}", id=f"theirs-{index}")
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Combine and save (Ctrl+S)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Start at the first conflict."""
        self.show_error("")
        focus_now(self.query_one("#conflict-0", RadioSet))

    def choices(self) -> dict[tuple, str]:
        """Each conflict's path and the side ticked."""
        picked = {}
        for index, conflict in enumerate(self.found.conflicts):
            pressed = self.query_one(f"#conflict-{index}", RadioSet).pressed_button
            side = "theirs" if pressed is not None and (pressed.id or "").startswith("theirs") else "mine"
            picked[_path(conflict)] = side
        return picked

    def action_apply(self) -> None:
        """Combine with these choices (the dialog closes; the combining is the caller's)."""
        self.dismiss(self.choices())  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        """Nothing combined, nothing saved."""
        self.dismiss(None)  # type: ignore[arg-type]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Combine or cancel."""
        if event.button.id == "ok":
            self.action_apply()
        else:
            self.action_cancel()


def _path(conflict: Conflict) -> tuple:
    return conflict.path
