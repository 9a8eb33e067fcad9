"""Two windows on one letter (issue 20): Pilot tests, both windows running in one test."""

from __future__ import annotations

import asyncio
import getpass
import time
from pathlib import Path

from textual.widgets import Button, RadioButton

from rebuttal.app.autosave import autosaves_of
from rebuttal.app.presence import read_claim
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import ConfirmScreen
from rebuttal.ui.disk_conflict import ConflictScreen
from rebuttal.ui.panels import LetterPanel

from .conftest import ROOT, TODAY
from .ui_support import SIZE, add_block, isolated_state  # noqa: F401 - fixture

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


async def _until(pilot, condition, what: str, tries: int = 400) -> None:
    """Let the app run until ``condition()`` holds (a failure names ``what``)."""
    deadline = time.monotonic() + 60  # generous, for a loaded machine
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(0.01)


def test_the_second_window_is_not_offered_the_first_windows_autosave(
    builtin_library: Library, tmp_path: Path
) -> None:
    letter = tmp_path / "letter.toml"
    letter.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")

    async def run() -> None:
        first = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=0.05)
        async with first.run_test(size=SIZE) as one:
            await add_block(one, "hetero")
            await _until(one, lambda: autosaves_of(letter), "the first window's autosave")
            saved = autosaves_of(letter)
            second = make_app(letter, load_library(builtin_library.folders), today=TODAY,
                              autosave_seconds=None)
            async with second.run_test(size=SIZE) as two:
                await two.pause()
                await two.pause()
                offered = isinstance(second.screen, ConfirmScreen) and "autosaved" in second.screen.question
                assert not offered
                assert autosaves_of(letter) == saved  # still there: the first window's

    asyncio.run(run())


def _window(library: Library, letter: Path):
    return make_app(letter, load_library(library.folders), today=TODAY, autosave_seconds=None)


def _shows(app, kind: type, text: str = ""):
    def check() -> bool:
        screen = app.screen
        buttons = screen.query(Button)
        # Its buttons laid out, where a click lands: composed is not enough (a Pilot click aimed at a
        # button with no region yet goes to the screen's corner and is lost).
        return (isinstance(screen, kind) and text in getattr(screen, "question", "")
                and bool(buttons) and all(button.region for button in buttons))
    return check


def test_the_second_window_is_told_and_may_only_read(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    letter.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")

    async def run() -> None:
        first = _window(builtin_library, letter)
        async with first.run_test(size=SIZE) as one:
            await _until(one, lambda: read_claim(letter) is not None, "the first window's claim")
            second = _window(builtin_library, letter)
            async with second.run_test(size=SIZE) as two:
                await _until(two, _shows(second, ConfirmScreen, "open elsewhere"), "told it is open")
                question = second.screen.question
                assert f"{getpass.getuser()}@" in question and "since " in question
                assert await two.click("#read_only")
                await _until(two, lambda: not isinstance(second.screen, ConfirmScreen), "closed")
                await two.press("tab", "right_square_bracket")  # the Letter panel; move an item down
                await two.pause()
                assert not second.session.dirty
                assert "(read only)" in str(second.query_one(LetterPanel).border_title)
            assert read_claim(letter) is not None  # the first window's claim stays
        assert read_claim(letter) is None  # gone with the first window

    asyncio.run(run())


def test_both_windows_save_and_the_file_holds_both(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    letter.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")

    async def run() -> None:
        first = _window(builtin_library, letter)
        async with first.run_test(size=SIZE) as one:
            await _until(one, lambda: read_claim(letter) is not None, "the first window's claim")
            second = _window(builtin_library, letter)
            async with second.run_test(size=SIZE) as two:
                await _until(two, _shows(second, ConfirmScreen, "open elsewhere"), "told it is open")
                assert await two.click("#edit")
                await _until(two, lambda: not isinstance(second.screen, ConfirmScreen), "closed")
                second.main_screen.act(second.session.set_letter_field, "recipient", "Dear Editors")
                second.main_screen.act(second.session.set_letter_field, "title", "Theirs")
                first.main_screen.act(first.session.toggle_variant, 7)  # concerns/heterogeneity
                first.main_screen.act(first.session.set_letter_field, "title", "Mine")
                await two.press("ctrl+s")
                await _until(two, lambda: not second.session.dirty, "the second window saved")
                await one.press("ctrl+s")
                await _until(one, _shows(first, ConfirmScreen, "changed on disk"), "the on-disk question")
                assert await one.click("#combine")
                await _until(one, _shows(first, ConflictScreen), "the title both changed")
                rows = [str(b.label) for b in first.screen.query(RadioButton)]
                assert rows == ["Yours: Mine", "On disk: Theirs"]
                assert await one.click("#theirs-0")
                assert await one.click("#ok")
                await _until(one, lambda: not first.session.dirty, "the first window saved")
                await one.press("ctrl+z")  # the combination is one step
                await one.pause()
                assert first.session.outline.letter.title == "Mine"
                assert first.session.outline.letter.recipient == "The Editors, The BMJ"
        saved = load_outline(letter)
        assert saved.letter.recipient == "Dear Editors"  # the second window's
        assert saved.body[7].variant == "short"  # the first window's
        assert saved.letter.title == "Theirs"  # the one both changed: as chosen

    asyncio.run(run())
