"""Two windows on one letter (issue 20): Pilot tests, both windows running in one test."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rebuttal.app.autosave import autosaves_of
from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import ConfirmScreen

from .conftest import ROOT, TODAY
from .ui_support import SIZE, add_block, isolated_state  # noqa: F401 - fixture

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


async def _until(pilot, condition, what: str, tries: int = 400) -> None:
    """Let the app run until ``condition()`` holds (a failure names ``what``)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


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
