"""What the app's Pilot tests share: isolation fixtures and ways to read and drive the screen."""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Callable

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


async def wait_until(pilot, condition: Callable[[], object], *, seconds: float = 60.0) -> None:
    """Let the app run until ``condition()`` holds (a timer fired, a thread answered...).

    The bound is generous, for a loaded machine: a test waits on what it needs, never on a time.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not reached within {seconds} s"
        await pilot.pause()


def record_notifications(app: RebuttalApp) -> list[str]:
    """The messages of the notifications the app shows from now on, in order (through ``App.notify``,
    which widgets and screens call too)."""
    messages: list[str] = []
    notify = app.notify

    def recording(message: str, **options: object) -> None:
        messages.append(str(message))
        notify(message, **options)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return messages


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key into whatever has focus."""
    await pilot.press(*text)


async def add_block(pilot, query: str) -> None:
    """Filter the library by ``query`` and press Enter: the best match joins the letter."""
    await pilot.press("slash", "ctrl+u", *query, "enter")  # ctrl+u: the box may have had focus
    await pilot.pause()
