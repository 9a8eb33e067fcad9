"""Keys reach the field that had focus when each was typed (issue 20 item 4): Pilot tests that post
keys together, as a terminal delivers them when typed fast, pasted or sent while the app is busy."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from textual import events
from textual.widgets import Input

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.forms import DetailsScreen

from .conftest import ROOT, TODAY
from .ui_support import SIZE, isolated_state  # noqa: F401 - fixture

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
NAMES = {"-": "minus", " ": "space", "/": "slash", "tab": "tab", "shift+tab": "shift+tab", "f2": "f2",
         "enter": "enter", "ctrl+u": "ctrl+u"}
CHARS = {"tab": "\t", "enter": "\r", "shift+tab": None, "f2": None, "ctrl+u": "\x15"}


def post_keys(app, *keys: str) -> None:
    """Put ``keys`` (single characters, or key names) on the app's queue at once, as a terminal does
    when they arrive together: nothing is processed between them."""
    for key in keys:
        name = NAMES.get(key, key)
        char = CHARS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(name, char))


async def until(pilot, condition, what: str, tries: int = 500) -> None:
    """Let the app run until ``condition()`` holds (a failure names ``what``)."""
    deadline = time.monotonic() + 60  # generous, for a loaded machine
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(0.01)


def _copy(tmp_path: Path) -> Path:
    letter = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, letter)
    return letter


def test_text_and_tab_typed_together_land_in_their_fields(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_copy(tmp_path), load_library(builtin_library.folders), today=TODAY,
                       autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, DetailsScreen) and app.focused is not None,
                        "the F2 form")
            title = app.screen.query_one("#letter-title", Input)
            date = app.screen.query_one("#letter-date", Input)
            title.value, date.value = "", ""
            title.focus()
            await until(pilot, lambda: title.has_focus, "the letter title focused")
            post_keys(app, *"AAA", "tab", *"2026-12-01")
            await until(pilot, lambda: (title.value + date.value).endswith("01"), "the keys handled")
            assert (title.value, date.value) == ("AAA", "2026-12-01")
            post_keys(app, "shift+tab", *"B", "tab", "tab", *"Dear")
            recipient = app.screen.query_one("#letter-recipient", Input)
            await until(pilot, lambda: "Dear" in title.value + date.value + recipient.value, "the keys")
            assert title.value == "AAAB" and date.value == "2026-12-01"
            assert recipient.value.endswith("Dear")
            # A key a binding of the field acts on (Ctrl+U: clear to the left), then Tab, at once.
            post_keys(app, "shift+tab", "ctrl+u", *"New", "shift+tab", "ctrl+u", *"T")
            await until(pilot, lambda: title.value.endswith("T"), "the keys handled")
            assert (title.value, date.value) == ("T", "New")
            assert recipient.value.endswith("Dear")

    asyncio.run(run())


def test_keys_typed_while_the_form_opens_reach_it(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_copy(tmp_path), load_library(builtin_library.folders), today=TODAY,
                       autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            before = app.session.outline.article.title
            post_keys(app, "f2", *"XYZ")  # the form is still being built when X, Y, Z arrive
            await until(pilot, lambda: isinstance(app.screen, DetailsScreen) and app.focused is not None,
                        "the F2 form")
            title = app.screen.query_one("#article-title", Input)
            await until(pilot, lambda: "Z" in title.value, "XYZ in the article's title")
            assert title.value == before + "XYZ"

    asyncio.run(run())


def test_a_paste_after_a_tab_goes_to_the_next_field(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_copy(tmp_path), load_library(builtin_library.folders), today=TODAY,
                       autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, DetailsScreen) and app.focused is not None,
                        "the F2 form")
            title = app.screen.query_one("#letter-title", Input)
            date = app.screen.query_one("#letter-date", Input)
            title.value, date.value = "", ""
            title.focus()
            await until(pilot, lambda: title.has_focus, "the letter title focused")
            post_keys(app, *"Reply", "tab")
            app.post_message(events.Paste("2026-12-01"))
            await until(pilot, lambda: "2026" in title.value + date.value, "the paste")
            assert (title.value, date.value) == ("Reply", "2026-12-01")

    asyncio.run(run())


def test_text_typed_right_after_slash_filters_the_library(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_copy(tmp_path), load_library(builtin_library.folders), today=TODAY,
                       autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            box = app.query_one("#filter", Input)
            post_keys(app, "/", *"hetero")
            await until(pilot, lambda: "o" in box.value or app.session.dirty, "the filter typed")
            assert box.value == "hetero"

    asyncio.run(run())
