"""Saving, exporting, autosaving, recovering and quitting: the letter's files.

A plain helper of the main screen (:class:`LetterFiles`), which it knows only as a
:class:`rebuttal.ui.editor.LetterEditor`: its ``session``, ``attempt`` and ``refresh_letter``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from rebuttal.app.autosave import discard_autosave, discard_recovery, find_recovery, write_autosave
from rebuttal.app.presence import claim, close_window, open_window, release
from rebuttal.app.session import Session
from rebuttal.errors import ChangeRefused, RebuttalError
from rebuttal.letter.outline import Outline
from rebuttal.render.formats import DEFAULT_FORMAT, export_format
from rebuttal.ui.dialogs import ConfirmScreen, PathScreen
from rebuttal.ui.disk_conflict import ask_about_newer_file
from rebuttal.ui.editor import LetterEditor


class LetterFiles:
    """Save (Ctrl+S), save as, export, autosave, recovery and quitting with a question."""

    def __init__(self, editor: LetterEditor) -> None:
        self.editor = editor
        self.autosaved_revision = editor.session.revision
        # This window: its claim beside the letter (who has it open) and its own autosave file.
        self.window = open_window()
        self.claimed: Path | None = None  # the letter whose claim this window holds
        self.exported: list[Path] = []  # the Word files this window exported (F6 marks them)

    def close(self) -> None:
        """The window closed (cleanly or not): its claim goes; its autosave, if any is left, is a
        crash to recover."""
        if self.claimed is not None:
            release(self.claimed, self.window)
        close_window(self.window)

    def open_letter(self) -> None:
        """Claim the letter for this window: when another window has it open, say who and since when
        and offer to read it only; then offer an autosave a crashed window left."""
        path = self.session.path
        found = claim(path, self.window) if path is not None else None
        self.claimed = path if found is not None and found.mine else None
        if path is None or found is None or found.elsewhere is None:
            self.offer_to_recover()
            return
        other = found.elsewhere
        question = (
            f"{path.name} is open elsewhere ({other.user}@{other.host}, since {other.since:%H:%M}). "
            "Read it only here, or edit it anyway: when both windows save, the second combines both "
            "windows' changes (the same field changed in both is yours to choose)."
        )

        def answered(answer: str | None) -> None:
            if answer != "edit":
                self.session.read_only = (
                    f"read only: {path.name} is open elsewhere ({other.user}@{other.host}); "
                    "open it again to edit it")
                self.editor.refresh_letter()
            self.offer_to_recover()

        self.editor.app.push_screen(
            ConfirmScreen(question, [("read_only", "Read only"), ("edit", "Edit anyway")]), answered)

    def forget_autosave(self) -> None:
        """The letter is its file again (reloaded): this window's autosave has nothing to keep."""
        discard_autosave(self.session.path, self.window)
        self.autosaved_revision = self.session.revision

    def move_claim(self, before: Path | None, after: Path) -> None:
        """Saved under another name: this window now has that file open (best effort)."""
        if self.claimed is not None:
            release(self.claimed, self.window)
        found = claim(after, self.window)
        self.claimed = after if found.mine else None

    @property
    def session(self) -> Session:
        """The letter being edited."""
        return self.editor.session

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save the outline (asks for a file the first time); ``then`` runs once it is saved."""
        if self.session.path is None:
            self.save_as(then)
            return
        if self.session.changed_on_disk():  # never overwritten silently: combine, or the person says
            ask_about_newer_file(self, then)
            return
        if not self.write(self.session.path) and then is not None:
            then()

    def write(self, path: Path, *, overwrite: bool = False) -> str:
        """Save to ``path`` now; '' when saved, else the message (also shown)."""
        before = self.session.path
        message = self.editor.attempt(lambda: self.session.save(path, overwrite=overwrite))
        if message:
            self.editor.notify(message, title="Not saved", severity="error")
            return message
        discard_autosave(before, self.window)
        discard_autosave(path, self.window)
        if before is None or path.resolve() != before.resolve():
            self.move_claim(before, path)
        self.autosaved_revision = self.session.revision
        self.editor.refresh_letter()
        self.editor.notify(f"Saved the outline to {path.resolve()}", title="Saved")
        return ""

    def save_as(self, then: Callable[[], None] | None = None) -> None:
        """Save the outline to a file chosen now; ``then`` runs once it is saved."""
        suggested = self.session.path or Path("letter.toml")

        def apply(path: Path, _fmt: str = "") -> str:
            current = self.session.path
            if current is not None and path.resolve() == current.resolve() and self.session.changed_on_disk():
                # Another question over this dialog would be dismissed in its place (issue 20 item 1).
                return (f"{path.name} was changed on disk since you opened it: type another name, "
                        "or Esc and Ctrl+S to combine both versions")
            message = self.write(path)
            if not message and then is not None:
                self.editor.app.call_later(then)  # once this dialog is closed
            return message

        self.editor.app.push_screen(
            PathScreen("Save the letter's outline (TOML) as:", suggested, apply, formats=False))

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
                self._exported(path)
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
            app.call_from_thread(self._exported, path)
            app.call_from_thread(self.editor.notify, f"Exported {export.label} to {path.resolve()}",
                                 title="Exported", timeout=8)

        app.run_worker(work, thread=True, group="export")

    def _exported(self, path: Path) -> None:
        """Note a Word file this window wrote: the merge's file list marks it as the letter's export."""
        if path.suffix.lower() == ".docx":
            self.exported.append(path.resolve())

    def autosave(self) -> None:
        """Write the working letter to the autosave file when it changed since the last time."""
        session = self.session
        if not session.dirty or session.revision == self.autosaved_revision:
            return
        try:
            write_autosave(session.outline, session.path, self.window)
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
                self.autosave()  # this window's own autosave holds it now: the crashed one can go
                discard_recovery(recovery)
                self.editor.notify("Recovered. Save with Ctrl+S to keep it.", title="Recovered")
            elif answer == "discard":
                discard_recovery(recovery)  # only autosaves of windows that are gone

        answers = [("recover", "Recover"), ("discard", "Discard it")]
        self.editor.app.push_screen(ConfirmScreen(question, answers), answered)

    def quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        if not self.session.dirty:
            discard_autosave(self.session.path, self.window)
            self.editor.app.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save(then=self.editor.app.exit)  # whichever way the save goes (Save as...)
            elif answer == "discard":
                discard_autosave(self.session.path, self.window)
                self.editor.app.exit()

        name = self.session.path.name if self.session.path else "this new letter"
        self.editor.app.push_screen(ConfirmScreen(
            f"Save the changes to {name} before quitting?",
            [("save", "Save and quit"), ("discard", "Quit without saving"), ("cancel", "Cancel")],
        ), answered)
