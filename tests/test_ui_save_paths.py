"""Saving when the file changed on disk, from "Save and quit" through "Save as..." (issue 20 item 1):
the whole dialog path as a person walks it, in Pilot."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from textual.widgets import Input, Label

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import ConfirmScreen, PathScreen

from .conftest import ROOT, TODAY
from .ui_support import SIZE, isolated_state  # noqa: F401 - fixture

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


async def until(pilot, condition, what: str, tries: int = 500) -> None:
    """Let the app run until ``condition()`` holds (a failure names ``what``)."""
    deadline = time.monotonic() + 60  # generous, for a loaded machine
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(0.01)


def _screen_is(app, kind: type, text: str = ""):
    def check() -> bool:
        screen = app.screen
        return isinstance(screen, kind) and (not text or text in getattr(screen, "question", ""))
    return check


def test_save_and_quit_through_save_as_saves_and_quits(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, letter)
    theirs = letter.read_text(encoding="utf-8").replace("The Editors, The BMJ", "Dear Editors")
    elsewhere = tmp_path / "mine.toml"

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.main_screen.act(app.session.set_letter_field, "recipient", "Mine")
            letter.write_text(theirs, encoding="utf-8")  # the other window saves
            await pilot.press("ctrl+q")
            await until(pilot, _screen_is(app, ConfirmScreen, "before quitting"), "the quit question")
            await pilot.click("#save")
            await until(pilot, _screen_is(app, ConfirmScreen, "changed on disk"), "the on-disk question")
            await pilot.click("#save_as")
            await until(pilot, _screen_is(app, PathScreen), "the Save as dialog")
            dialog = app.screen
            await pilot.press("enter")  # the prefilled name: the letter changed on disk
            await pilot.pause()
            still_choosing = app.screen is dialog
            error = dialog.query_one("#dialog-error", Label)
            told = error.display and "changed on disk" in str(error.render())
            assert letter.read_text(encoding="utf-8") == theirs
            await pilot.press("ctrl+u", *str(elsewhere), "enter")  # as the person did
            await until(pilot, lambda: not app.is_running, "the app quitting after the save")
        assert still_choosing and told  # still choosing a name, and told why
        assert 'recipient = "Mine"' in elsewhere.read_text(encoding="utf-8")
        assert letter.read_text(encoding="utf-8") == theirs

    asyncio.run(run())


def test_save_and_quit_quits_once_saved_elsewhere(builtin_library: Library, tmp_path: Path) -> None:
    """Skipping the prefilled name: the save is made, and "Save and quit" quits."""
    letter = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, letter)
    elsewhere = tmp_path / "mine.toml"

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.main_screen.act(app.session.set_letter_field, "recipient", "Mine")
            letter.write_text(letter.read_text(encoding="utf-8") + "\n# theirs\n", encoding="utf-8")
            await pilot.press("ctrl+q")
            await until(pilot, _screen_is(app, ConfirmScreen, "before quitting"), "the quit question")
            await pilot.click("#save")
            await until(pilot, _screen_is(app, ConfirmScreen, "changed on disk"), "the on-disk question")
            await pilot.click("#save_as")
            await until(pilot, _screen_is(app, PathScreen), "the Save as dialog")
            app.screen.query_one("#path", Input).value = str(elsewhere)
            await pilot.press("enter")
            await until(pilot, lambda: not app.is_running, "the app quitting after the save")
        assert elsewhere.is_file()

    asyncio.run(run())


def test_cancel_in_save_as_keeps_the_app_open(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, letter)

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.main_screen.act(app.session.set_letter_field, "recipient", "Mine")
            letter.write_text(letter.read_text(encoding="utf-8") + "\n# theirs\n", encoding="utf-8")
            await pilot.press("ctrl+q")
            await until(pilot, _screen_is(app, ConfirmScreen, "before quitting"), "the quit question")
            await pilot.click("#save")
            await until(pilot, _screen_is(app, ConfirmScreen, "changed on disk"), "the on-disk question")
            await pilot.click("#save_as")
            await until(pilot, _screen_is(app, PathScreen), "the Save as dialog")
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, (PathScreen, ConfirmScreen)), "closed")
            assert app.is_running and app.session.dirty
            await pilot.press("ctrl+s")  # a later save does not quit either
            await until(pilot, _screen_is(app, ConfirmScreen, "changed on disk"), "the on-disk question")
            await pilot.click("#overwrite")
            await until(pilot, lambda: not app.session.dirty, "saved")
            assert app.is_running

    asyncio.run(run())
