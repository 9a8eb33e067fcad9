"""The app and the record of letters: the letters on record (F7), this letter's record, the preview's
marks on paragraphs that overlap letters on record."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from rich.style import Style

from rebuttal.cli import main
from rebuttal.library.stack import builtin_folder, load_library
from rebuttal.render.rich_render import MARKED_STYLE
from rebuttal.ui.app import make_app
from rebuttal.ui.letters_screen import LettersScreen
from rebuttal.ui.panels import PreviewPanel

from .conftest import EXAMPLE, ROOT, TODAY
from .ui_support import isolated_state, screen_text, wait_until  # noqa: F401

JAMA = ROOT / "examples" / "jama-letter-wang-2025.toml"
TINT = Style.parse(MARKED_STYLE).bgcolor


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    folder = tmp_path / "society"
    folder.mkdir()
    assert main(["letters", "add", str(EXAMPLE), "--sent", "2025-03-10", "--library", str(folder)]) == 0
    return folder


def _tinted_lines(app) -> list[str]:
    """The preview's lines holding text drawn on the overlap tint."""
    return [line.text for line in app.query_one(PreviewPanel).lines
            if any(segment.style is not None and segment.style.bgcolor == TINT and segment.text.strip()
                   for segment in line)]


def test_the_letters_screen_lists_the_record_and_the_preview_marks_overlap(recorded: Path,
                                                                           tmp_path: Path) -> None:
    letter = tmp_path / "jama.toml"
    shutil.copy(JAMA, letter)

    async def run() -> None:
        app = make_app(letter, load_library([builtin_folder(), recorded]), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            tinted = " ".join(" ".join(_tinted_lines(app)).split())
            assert "Pacific Spine and Pain Society is a multidisciplinary" in tinted
            assert "Overlap" in screen_text(app)  # the status line names the failing rule
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, LettersScreen))
            shown = screen_text(app)
            assert "Letters on record (1)" in shown and "This letter is not on record" in shown
            assert "Wang 2025" in shown and "society-statement" in shown and "2025-03-10" in shown
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, LettersScreen))

    asyncio.run(run())


def test_a_recorded_letter_shows_its_status_and_no_overlap_with_itself(recorded: Path,
                                                                      tmp_path: Path) -> None:
    assert main(["letters", "set", "2025-03-10", "--status", "accepted", "--library", str(recorded),
                 "--today", "2025-03-20"]) == 0
    letter = tmp_path / "psps.toml"
    shutil.copy(EXAMPLE, letter)

    async def run() -> None:
        app = make_app(letter, load_library([builtin_folder(), recorded]), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            assert _tinted_lines(app) == []
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, LettersScreen))
            assert ("This letter is on record as 2025-03-10-wang-society-statement: sent 2025-03-10, "
                    "accepted since 2025-03-20.") in " ".join(screen_text(app).split())

    asyncio.run(run())


def test_without_letters_on_record_nothing_is_marked(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(JAMA, load_library([builtin_folder()]), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            assert app.query_one(PreviewPanel).lines and _tinted_lines(app) == []
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, LettersScreen))
            assert "No letters on record yet." in screen_text(app)

    asyncio.run(run())
