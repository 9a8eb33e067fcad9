"""The app saves a person's outline without rewriting it: Pilot tests."""

from __future__ import annotations

import asyncio
import difflib
import shutil
from pathlib import Path

import pytest

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import ConfirmScreen

from .conftest import FIXTURES, ROOT, TODAY
from .ui_support import SIZE, isolated_state  # noqa: F401 - fixture

CASES = [
    (ROOT / "examples" / "psps-wang-2025.toml", None),
    (ROOT / "examples" / "jama-letter-wang-2025.toml", None),
    (FIXTURES / "outlines" / "commented.toml", FIXTURES / "library"),
]


def _library(extra: Path | None, builtin: Library) -> Library:
    return load_library([*builtin.folders, extra]) if extra else load_library(builtin.folders)


@pytest.mark.parametrize(("source", "extra"), CASES, ids=lambda p: getattr(p, "name", "builtin"))
def test_move_down_and_up_then_save_leaves_the_file_byte_identical(
    source: Path, extra: Path | None, builtin_library: Library, tmp_path: Path
) -> None:
    letter = tmp_path / source.name
    shutil.copy(source, letter)
    original = letter.read_bytes()

    async def run() -> None:
        app = make_app(letter, _library(extra, builtin_library), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click("#items")
            app.query_one("#items").highlighted = 1
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.session.dirty
            await pilot.press("left_square_bracket")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not app.session.dirty

    asyncio.run(run())
    assert letter.read_bytes() == original


@pytest.mark.parametrize(("source", "extra"), CASES, ids=lambda p: getattr(p, "name", "builtin"))
def test_changing_one_field_in_the_app_changes_one_line(
    source: Path, extra: Path | None, builtin_library: Library, tmp_path: Path
) -> None:
    letter = tmp_path / source.name
    shutil.copy(source, letter)
    original = letter.read_text()

    async def run() -> None:
        app = make_app(letter, _library(extra, builtin_library), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            app.screen.act(app.session.set_letter_field, "recipient", "The Editors, Somewhere Else")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()

    asyncio.run(run())
    diff = [
        line for line in difflib.unified_diff(original.splitlines(), letter.read_text().splitlines(), n=0,
                                              lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff[-1] == '+recipient = "The Editors, Somewhere Else"'
    assert len(diff) in (1, 2)  # the new line, and the old one where the file had a recipient


def test_save_does_not_overwrite_a_file_changed_on_disk(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "psps-wang-2025.toml", letter)
    theirs = letter.read_text().replace("The Editors, The BMJ", "Dear Editors")
    assert theirs != letter.read_text()

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click("#items")
            app.query_one("#items").highlighted = 1
            await pilot.press("right_square_bracket")
            await pilot.pause()
            moved = [item.block for item in app.session.body]
            letter.write_text(theirs)  # a colleague saves meanwhile
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert letter.read_text() == theirs  # nothing written yet
            await pilot.click("#cancel")
            await pilot.pause()
            assert app.session.dirty and letter.read_text() == theirs
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.click("#reload")
            await pilot.pause()
            assert not app.session.dirty
            assert app.session.outline.letter.recipient == "Dear Editors"
            await pilot.press("ctrl+z")  # the person's own version is one undo away
            await pilot.pause()
            assert app.session.outline.letter.recipient == "The Editors, The BMJ"
            assert [item.block for item in app.session.body] == moved
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmScreen)  # the file is what we last read
            assert not app.session.dirty

    asyncio.run(run())
    saved = letter.read_text()
    assert 'recipient = "The Editors, The BMJ"' in saved  # the person chose their version back


def test_overwrite_is_the_persons_explicit_choice(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "psps-wang-2025.toml", letter)

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            app.screen.act(app.session.set_letter_field, "recipient", "Mine")
            letter.write_text(letter.read_text() + "\n# a colleague's note\n")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.click("#overwrite")
            await pilot.pause()
            assert not app.session.dirty

    asyncio.run(run())
    text = letter.read_text()
    assert 'recipient = "Mine"' in text
    assert "# a colleague's note" in text  # overwriting edits their file: their comment stays
