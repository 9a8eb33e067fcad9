"""Saving, exporting, autosaving, recovering and quitting: the letter's files.

A plain helper of the main screen (:class:`LetterFiles`), which it knows only as a
:class:`rebuttal.ui.editor.LetterEditor`: its ``session``, ``attempt`` and ``refresh_letter``.
"""

from __future__ import annotations

import copy
from pathlib import Path

from rebuttal.app.autosave import discard_autosave, find_recovery, write_autosave
from rebuttal.app.session import Session
from rebuttal.errors import ChangeRefused, RebuttalError
from rebuttal.letter.outline import Outline
from rebuttal.render.formats import DEFAULT_FORMAT, export_format
from rebuttal.ui.dialogs import ConfirmScreen, PathScreen
from rebuttal.ui.editor import LetterEditor


class LetterFiles:
    """Save (Ctrl+S), save as, export, autosave, recovery and quitting with a question."""

    def __init__(self, editor: LetterEditor) -> None:
        self.editor = editor
        self.autosaved_revision = editor.session.revision

    @property
    def session(self) -> Session:
        """The letter being edited."""
        return self.editor.session

    def save(self) -> None:
        """Save the outline (asks for a file the first time)."""
        if self.session.path is None:
            self.save_as()
            return
        self._save_to(self.session.path)

    def _save_to(self, path: Path, _fmt: str = "", *, overwrite: bool = False) -> str:
        before = self.session.path
        if not overwrite and self._is_letter_file(path) and self.session.changed_on_disk():
            self._ask_about_newer_file(path)
            return ""
        message = self.editor.attempt(lambda: self.session.save(path, overwrite=overwrite))
        if message:
            self.editor.notify(message, title="Not saved", severity="error")
            return message
        discard_autosave(before)
        discard_autosave(path)
        self.autosaved_revision = self.session.revision
        self.editor.refresh_letter()
        self.editor.notify(f"Saved the outline to {path.resolve()}", title="Saved")
        return ""

    def _is_letter_file(self, path: Path) -> bool:
        current = self.session.path
        return current is not None and path.resolve() == current.resolve()

    def _ask_about_newer_file(self, path: Path) -> None:
        """The file changed on disk since it was opened or saved: never overwrite it silently."""
        question = (
            f"{path.name} was changed on disk since you opened or last saved it (a colleague, "
            "git pull or rebuttal merge?). Reload it and lose your unsaved changes here, save "
            "yours under another name, or overwrite the file with your version?"
        )

        def answered(answer: str | None) -> None:
            if answer == "reload":
                message = self.editor.attempt(self.session.reload)
                if message:
                    self.editor.notify(message, title="Not reloaded", severity="error")
                else:
                    discard_autosave(path)
                    self.autosaved_revision = self.session.revision
                    self.editor.notify(f"Reloaded {path.name} from disk (Ctrl+Z brings your version back)",
                                title="Reloaded")
            elif answer == "save_as":
                self.save_as()
            elif answer == "overwrite":
                self._save_to(path, overwrite=True)

        self.editor.app.push_screen(ConfirmScreen(question, [
            ("reload", "Reload from disk"), ("save_as", "Save as..."), ("overwrite", "Overwrite"),
            ("cancel", "Cancel"),
        ]), answered)

    def save_as(self) -> None:
        """Save the outline to a file chosen now."""
        suggested = self.session.path or Path("letter.toml")
        self.editor.app.push_screen(
            PathScreen("Save the letter's outline (TOML) as:", suggested, self._save_to, formats=False))

    def export(self, fmt: str = DEFAULT_FORMAT) -> None:
        """Export the letter in any format of ``rebuttal.render.formats`` to a file chosen now."""
        stem = self.session.path.stem if self.session.path else "letter"
        suggested = Path.cwd() / f"{stem}{export_format(fmt).extension}"

        def apply(path: Path, chosen: str) -> str:
            export = export_format(chosen)
            if not path.suffix:  # "certainty" becomes "certainty.docx": Word would not open it otherwise
                path = path.with_name(path.name + export.extension)
            if export.needs_libreoffice:  # seconds of LibreOffice: made while the person works on
                from rebuttal.render import check_can_write

                message = self.editor.attempt(check_can_write, export)  # missing: the CLI's one line
                if not message:
                    self._export_in_background(path, chosen)
                return message
            message = self.editor.attempt(self.session.export, path, chosen)
            if not message:
                self.editor.notify(f"Exported {export.label} to {path.resolve()}", title="Exported",
                                   timeout=8)
            return message

        self.editor.app.push_screen(PathScreen("Export the letter", suggested, apply, formats=True))

    def _export_in_background(self, path: Path, fmt: str) -> None:
        """Export in a thread (a PDF is a DOCX converted by LibreOffice); a notification says when it is
        written, or why not."""
        app, export = self.editor.app, export_format(fmt)
        self.editor.notify(f"Making the {export.label} with LibreOffice…", title="Exporting", timeout=4)

        def work() -> None:
            try:
                self.session.export(path, fmt)
            except (ChangeRefused, RebuttalError, OSError) as error:
                app.call_from_thread(self.editor.notify, str(error), title="Not exported", severity="error")
                return
            app.call_from_thread(self.editor.notify, f"Exported {export.label} to {path.resolve()}",
                                 title="Exported", timeout=8)

        app.run_worker(work, thread=True, group="export")

    def autosave(self) -> None:
        """Write the working letter to the autosave file when it changed since the last time."""
        session = self.session
        if not session.dirty or session.revision == self.autosaved_revision:
            return
        try:
            write_autosave(session.outline, session.path)
        except (OSError, RebuttalError) as error:
            self.editor.notify(f"Autosave failed: {error}", severity="warning")
        self.autosaved_revision = session.revision

    def offer_to_recover(self) -> None:
        """Offer the autosaved letter left by a session that did not end cleanly."""
        recovery = find_recovery(self.session.path)
        if recovery is None:
            return
        where = self.session.path.name if self.session.path else "a new letter"
        question = (
            f"An autosaved version of {where} from {recovery.saved_at:%Y-%m-%d %H:%M} has changes "
            "that were never saved. Recover it?"
        )

        def answered(answer: str | None) -> None:
            if answer == "recover":
                recovered = copy.deepcopy(recovery.outline)

                def take(outline: Outline) -> None:
                    outline.__dict__.update(recovered.__dict__)

                self.editor.act(self.session.change, "recover autosave", take)
                self.editor.notify("Recovered. Save with Ctrl+S to keep it.", title="Recovered")
            elif answer == "discard":
                discard_autosave(self.session.path)

        answers = [("recover", "Recover"), ("discard", "Discard it")]
        self.editor.app.push_screen(ConfirmScreen(question, answers), answered)

    def quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        if not self.session.dirty:
            discard_autosave(self.session.path)
            self.editor.app.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save()
                if not self.session.dirty:
                    self.editor.app.exit()
            elif answer == "discard":
                discard_autosave(self.session.path)
                self.editor.app.exit()

        name = self.session.path.name if self.session.path else "this new letter"
        self.editor.app.push_screen(ConfirmScreen(
            f"Save the changes to {name} before quitting?",
            [("save", "Save and quit"), ("discard", "Quit without saving"), ("cancel", "Cancel")],
        ), answered)
