"""What the app's Pilot tests share: isolation fixtures and ways to read and drive the screen."""

from __future__ import annotations

import html
import io
import re

import pytest

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import RebuttalApp
from rebuttal.ui.panels import PreviewPanel

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Autosaves go to a temporary state folder, never the developer's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def library(builtin_library: Library) -> Library:
    """A fresh copy of the built-in library (the app may add blocks to it)."""
    return load_library(builtin_library.folders)


def screen_text(app: RebuttalApp) -> str:
    """What the terminal shows, as plain text (from Textual's SVG screenshot)."""
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg))
    return text.replace("\xa0", " ")


def preview_text(app: RebuttalApp) -> str:
    """The whole preview pane's letter as plain text (also the part scrolled out of view)."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(app.query_one(PreviewPanel).renderable)
    return console.export_text()


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key into whatever has focus."""
    await pilot.press(*text)


async def add_block(pilot, query: str) -> None:
    """Filter the library by ``query`` and press Enter: the best match joins the letter."""
    await pilot.press("slash", "ctrl+u", *query, "enter")  # ctrl+u: the box may have had focus
    await pilot.pause()
