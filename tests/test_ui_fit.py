"""A verdict on fit, the checks screen and "Make it fit" with undo (issue: the app for Word users)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.checks_screen import ChecksScreen

from .conftest import ROOT, TODAY
from .ui_support import SIZE, isolated_state, screen_text  # noqa: F401 - fixture


def _jama_over(tmp_path: Path) -> Path:
    """The PSPS example sent to JAMA: far over its limits."""
    letter = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "psps-wang-2025.toml", letter)
    letter.write_text(letter.read_text().replace('venue = "society-statement"', 'venue = "jama-letter"')
                      .replace('style = "nlm"\n', ""))
    return letter


def test_the_status_line_gives_a_verdict_not_only_numbers(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_jama_over(tmp_path), load_library(builtin_library.folders), today=TODAY,
                       autosave_seconds=None)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "Over by 423 words, 9 references" in shown
            assert shown.count("Due:") == 1 and "Window" not in shown.split("Due:")[1].splitlines()[0]

    asyncio.run(run())


def test_checks_screen_and_make_it_fit_with_undo(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_jama_over(tmp_path), load_library(builtin_library.folders), today=TODAY,
                       autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f4")
            await pilot.pause()
            assert isinstance(app.screen, ChecksScreen)
            assert "Words" in screen_text(app) and "References" in screen_text(app)
            await pilot.press("f")
            await pilot.pause()
            assert not isinstance(app.screen, ChecksScreen)
            short = [item.variant for item in app.session.body].count("short")
            assert short >= 10
            assert app.session.document.word_count() == 471
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [item.variant for item in app.session.body].count("short") == 0
            assert app.session.document.word_count() == 823

    asyncio.run(run())


def test_a_letter_that_fits_says_so(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "jama.toml"
    shutil.copy(ROOT / "examples" / "jama-letter-wang-2025.toml", letter)

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            assert "Fits JAMA letter" in screen_text(app)

    asyncio.run(run())
