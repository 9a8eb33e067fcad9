"""Slips a person makes in the app (issue 20, items 6 and 7): Pilot tests."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import ConfirmScreen
from rebuttal.ui.forms import DetailsScreen

from .conftest import ROOT, TODAY
from .ui_support import (  # noqa: F401 - fixture
    SIZE,
    isolated_state,
    record_notifications,
    screen_text,
    wait_until,
)

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


def _app(builtin_library: Library, path: Path):
    return make_app(path, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)


def test_escape_on_changed_form_asks_before_discarding(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, DetailsScreen))
            await pilot.press("escape")  # untouched: closes at once
            await wait_until(pilot, lambda: not isinstance(app.screen, (DetailsScreen, ConfirmScreen)))
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, DetailsScreen))
            form = app.screen
            title = form.query_one("#letter-title", Input)
            title.focus()
            await pilot.press("end", *" (draft)")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert "Discard the changes" in screen_text(app)
            await pilot.press("escape")  # keep editing: the typed title is still there
            await wait_until(pilot, lambda: app.screen is form)
            assert title.value.endswith(" (draft)")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.click("#discard")
            await wait_until(pilot, lambda: not isinstance(app.screen, (DetailsScreen, ConfirmScreen)))
            assert not app.session.outline.letter.title.endswith("(draft)")

    asyncio.run(run())
