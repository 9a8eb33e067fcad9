"""The F6 merge dialog's file picker (Pilot): the Word files beside the letter newest first, the
export marked, Word's lock files left out, folders browsed and paths completed from the keyboard
(issue 20 item 7: the dialog had no file picker)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
from pathlib import Path

import docx
import pytest
from textual.widgets import Input, Label, OptionList

from rebuttal.library.stack import Library
from rebuttal.ui.app import RebuttalApp, make_app
from rebuttal.ui.docx_picker import DocxPickScreen, word_files
from rebuttal.ui.merge_screen import MergeReviewScreen

from . import word_edits as edits
from .conftest import EXAMPLE, TODAY
from .merge_support import EDITOR, export_example
from .ui_support import isolated_state, library, screen_text, wait_until

__all__ = ["isolated_state", "library"]  # fixtures used by the tests below


def _at(path: Path, day: int, hour: int) -> Path:
    """``path`` (created empty if missing) last changed on 2025-03-``day`` at ``hour``:00, local time."""
    if not path.exists():
        path.write_bytes(b"")
    moment = dt.datetime(2025, 3, day, hour).timestamp()
    os.utime(path, (moment, moment))
    return path


def _folder(tmp_path: Path) -> Path:
    """A letter with its export (the newest), two other Word files, a lock file and a subfolder."""
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    _at(tmp_path / "letter.docx", 9, 16)
    _at(tmp_path / "letter-JE-edits.docx", 9, 11)
    _at(tmp_path / "draft.docx", 3, 9)
    _at(tmp_path / "~$tter-JE-edits.docx", 9, 17)  # Word's lock beside the file it has open
    (tmp_path / "notes.txt").write_text("not a Word file")
    (tmp_path / "sent").mkdir()
    _at(tmp_path / "sent" / "first-round.docx", 1, 10)
    return outline


def _rows(screen: DocxPickScreen) -> list[str]:
    listing = screen.query_one("#pick-files", OptionList)
    return [" ".join(str(listing.get_option_at_index(i).prompt).split()) for i in range(listing.option_count)]


def _app(outline: Path, library: Library) -> RebuttalApp:
    app = make_app(outline, library, today=TODAY, autosave_seconds=None)
    app.offer_recovery = False
    return app


async def _open_picker(pilot, app) -> DocxPickScreen:
    """F6, as a person presses it; the picker once it is up."""
    await pilot.press("f6")
    await wait_until(pilot, lambda: isinstance(app.screen, DocxPickScreen))
    assert isinstance(app.screen, DocxPickScreen)
    return app.screen


def test_word_files_newest_first_without_locks(tmp_path: Path) -> None:
    _folder(tmp_path)
    files = word_files(tmp_path, [tmp_path / "letter.docx"])
    assert [(f.path.name, f.export) for f in files] == [
        ("letter.docx", True), ("letter-JE-edits.docx", False), ("draft.docx", False)]
    assert word_files(tmp_path / "missing") == []


def test_f6_lists_the_word_files_beside_the_letter_and_browses_folders(library: Library,
                                                                       tmp_path: Path) -> None:
    outline = _folder(tmp_path)

    async def run() -> None:
        app = _app(outline, library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = await _open_picker(pilot, app)
            listing = screen.query_one("#pick-files", OptionList)
            assert listing.has_focus
            assert _rows(screen) == [
                "yesterday 16:00 letter.docx (this letter's export)",  # (the letter's today: 2025-03-10)
                "yesterday 11:00 letter-JE-edits.docx",
                "2025-03-03 09:00 draft.docx",
                "folder ‥ the folder above",
                "folder sent/",
            ]
            # The editors' file, not the export, is highlighted, and the path box holds it.
            assert listing.highlighted == 1
            box = screen.query_one("#path", Input)
            assert Path(box.value).expanduser() == tmp_path / "letter-JE-edits.docx"
            # Down to the subfolder, Enter opens it; Backspace goes back up, the subfolder highlighted.
            await pilot.press("down", "down", "down", "enter")
            await pilot.pause()
            assert _rows(screen)[0] == "2025-03-01 10:00 first-round.docx" and listing.highlighted == 0
            assert Path(box.value).expanduser() == tmp_path / "sent" / "first-round.docx"
            await pilot.press("backspace")
            await pilot.pause()
            assert _rows(screen)[0].endswith("letter.docx (this letter's export)")
            assert _rows(screen)[listing.highlighted or 0] == "folder sent/"
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, DocxPickScreen)

    asyncio.run(run())


def test_a_file_chosen_in_a_subfolder_with_the_keyboard_is_reviewed(library: Library, tmp_path: Path) -> None:
    outline, exported = export_example(tmp_path, library)
    (tmp_path / "from-editors").mkdir()
    word = docx.Document(str(exported))
    edits.track_delete(word, "markedly heterogeneous", "markedly ", EDITOR)  # one change
    edited = tmp_path / "from-editors" / "edited.docx"
    word.save(str(edited))

    async def run() -> None:
        app = _app(outline, library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await _open_picker(pilot, app)
            rows = _rows(app.screen)  # type: ignore[arg-type]
            down = rows.index("folder from-editors/") - (app.screen.query_one(OptionList).highlighted or 0)
            await pilot.press(*["down"] * down, "enter")
            await pilot.pause()
            assert _rows(app.screen)[0].endswith(" edited.docx")  # type: ignore[arg-type]
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, MergeReviewScreen))
            assert Path(app.screen.report.docx) == edited  # type: ignore[attr-defined]
            assert "Changes in edited.docx: 1 item. Space" in screen_text(app)  # (not "1 items")

    asyncio.run(run())


def test_the_path_box_completes_a_typed_folder_and_opens_it(library: Library, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    outline = _folder(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # paths under it are shown, and typed, as ~/...

    async def run() -> None:
        app = _app(outline, library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = await _open_picker(pilot, app)
            assert screen.query_one("#path", Input).value == "~/letter-JE-edits.docx"
            assert "Word files in ~, newest first" in screen_text(app)
            await pilot.press("tab")  # from the list to the path box
            box = screen.query_one("#path", Input)
            assert box.has_focus
            await pilot.press("ctrl+u", "~", "slash", "s", "e")
            await wait_until(pilot, lambda: "~/sent/" in screen_text(app))  # offered after the cursor
            await pilot.press("right")  # takes it
            assert box.value == "~/sent/"
            await pilot.press("enter")
            await pilot.pause()
            assert _rows(screen)[0].endswith(" first-round.docx")  # type: ignore[arg-type]
            assert screen.query_one("#pick-files", OptionList).has_focus
            assert box.value == "~/sent/first-round.docx"
            # Back in the path box, Ctrl+U clears all of it: the cursor followed the list to the end.
            await pilot.press("tab", "ctrl+u")
            await pilot.pause()
            assert box.has_focus and box.value == ""
            await pilot.press("shift+tab", "backspace")  # the list again; up a folder
            await pilot.pause()
            assert _rows(screen)[0].endswith("letter.docx (this letter's export)")  # type: ignore[arg-type]

    asyncio.run(run())


def test_a_word_file_exported_from_this_window_is_marked_as_the_export(library: Library,
                                                                       tmp_path: Path) -> None:
    outline = _folder(tmp_path)

    async def run() -> None:
        app = _app(outline, library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+e")
            await wait_until(pilot, lambda: app.screen.query("#path"))
            app.screen.query_one("#path", Input).value = str(tmp_path / "submitted.docx")
            await pilot.press("enter")
            await wait_until(pilot, lambda: (tmp_path / "submitted.docx").is_file())
            await _open_picker(pilot, app)
            rows = _rows(app.screen)  # type: ignore[arg-type]
            assert rows[0].endswith("submitted.docx (this letter's export)"), rows
            assert rows[1].endswith("letter.docx (this letter's export)"), rows
            assert rows[app.screen.query_one(OptionList).highlighted or 0].endswith("letter-JE-edits.docx")

    asyncio.run(run())


def test_a_letter_opened_by_a_relative_path_shows_its_folder_by_name(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)

    async def run() -> None:
        app = _app(Path("letter.toml"), library)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await _open_picker(pilot, app)
            folder = str(app.screen.query_one("#pick-folder", Label).render())
            assert folder == f"Word files in {tmp_path}, newest first:"
            assert "folder ‥ the folder above" in _rows(app.screen)  # type: ignore[arg-type]
            assert app.screen.query_one("#path", Input).value == str(tmp_path / "letter-JE-edits.docx")

    asyncio.run(run())
