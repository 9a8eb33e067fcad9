"""Keys that teach themselves: help as a person's guide, keys in the palette and footer, Esc clears."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.help import help_text

from .conftest import ROOT, TODAY
from .ui_support import SIZE, isolated_state, record_notifications, screen_text, wait_until  # noqa: F401

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


def _app(builtin_library: Library, path: Path = EXAMPLE):
    return make_app(path, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)


def test_help_reads_as_a_guide_without_ids_or_duplicates(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("tab")  # the Letter panel
            await pilot.pause()
            text = help_text(app.screen)
            assert "Binding id" not in text and "letter.up" not in text
            assert "(Esc closes)" in text.splitlines()[0]
            rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
            actions = [row.split("|")[2].strip() for row in rows]
            assert len(actions) == len(set(actions)), actions
            assert "| [ or shift+↑ | Move up |" in text and "| ] or shift+↓ | Move down |" in text

    asyncio.run(run())


def test_footer_shows_the_letter_panels_keys(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.press("tab")
            await pilot.pause()
            footer = [line for line in screen_text(app).splitlines() if "Save" in line][-1]
            # (Ctrl+Y, dropped first with F3 and F4 for Tab's own key, is in the help and the palette.)
            for shown in ("Duplicate", "Short/full", "Own text", "Undo", "Tab Preview"):
                assert shown in footer, footer

    asyncio.run(run())


def test_the_palette_shows_each_commands_key(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"export docx")
            await wait_until(pilot, lambda: "key ^e" in screen_text(app))

    asyncio.run(run())


def test_escape_clears_the_filter(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"hetero")
            await pilot.pause()
            assert app.query_one("#filter", Input).value == "hetero"
            await pilot.press("escape")
            await pilot.pause()
            assert app.query_one("#filter", Input).value == ""

    asyncio.run(run())


def test_the_first_down_from_the_filter_selects_what_enter_adds(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"hetero")
            await pilot.pause()
            blocks = app.query_one("#blocks")
            await pilot.press("down")
            await pilot.pause()
            assert app.focused is blocks  # the list has the focus: its highlight shows
            assert blocks.highlighted_option.id == "concerns/heterogeneity"
            footer = [line for line in screen_text(app).splitlines() if "palette" in line][-1]
            assert "Enter" in footer and "⏎" not in footer

    asyncio.run(run())


def test_a_word_typed_in_one_burst_from_the_list_all_reaches_the_filter(builtin_library: Library) -> None:
    """tmux, a paste or a fast typist deliver keys before the app has drawn again: the t of
    "hetero" must go into the filter box, not show the Letter panel's "Not here" notice."""
    from textual import events

    from rebuttal.ui.panels import BlockList

    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.focused is app.query_one(BlockList)
            notices = record_notifications(app)
            for character in "hetero":  # queued together, as a terminal delivers a burst
                app.post_message(events.Key(character, character))
            box = app.query_one("#filter", Input)
            await wait_until(pilot, lambda: box.value == "hetero" or notices)  # one key at a time
            assert box.value == "hetero"
            assert notices == []  # no "Not here" notice on the way

    asyncio.run(run())
