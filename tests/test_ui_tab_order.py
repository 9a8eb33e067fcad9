"""Tab on the main screen (Pilot): one order of panels from wherever the focus is, and the footer
says what works where Tab lands (issue 20 item 7: Tab landed on the Preview, where `[`, `]` and
Enter did nothing)."""

from __future__ import annotations

import asyncio

import pytest

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import RebuttalApp, make_app
from rebuttal.ui.panels import BlockDetail, LetterList

from .conftest import EXAMPLE, TODAY
from .ui_support import isolated_state, record_notifications, screen_text

__all__ = ["isolated_state"]  # fixture used by the tests below

ORDER = ["library", "letter", "preview"]
STARTS = {"#filter": "library", "#blocks": "library", "#items": "letter", "#preview": "preview"}
SIZES = [(80, 24), (120, 36)]


def _app(builtin_library: Library) -> RebuttalApp:
    app = make_app(EXAMPLE, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
    app.offer_recovery = False
    return app


def _panel(app: RebuttalApp) -> str:
    focused = app.focused
    assert focused is not None
    return next((w.id for w in focused.ancestors_with_self if w.id in ORDER), f"outside: {focused!r}")


def _footer(app: RebuttalApp) -> str:
    """The footer's line, its gaps left out (the screenshot's text has none between keys)."""
    lines = [line for line in screen_text(app).splitlines() if line.strip()]
    return lines[-1].replace(" ", "")


def _after(panel: str, step: int) -> list[str]:
    at = ORDER.index(panel)
    return [ORDER[(at + step * n) % 3] for n in range(1, 4)]


@pytest.mark.parametrize("size", SIZES)
def test_tab_and_shift_tab_cycle_the_panels_in_one_order_from_any_start(builtin_library: Library,
                                                                        size: tuple[int, int]) -> None:
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for start, panel in STARTS.items():
                for key, step in (("tab", 1), ("shift+tab", -1)):
                    app.screen.set_focus(app.screen.query_one(start))
                    await pilot.pause()
                    reached = []
                    for _ in range(3):
                        await pilot.press(key)
                        await pilot.pause()
                        reached.append(_panel(app))
                    assert reached == _after(panel, step), (start, key)

    asyncio.run(run())


@pytest.mark.parametrize("size", SIZES)
def test_where_tab_lands_the_footer_says_what_works(builtin_library: Library, size: tuple[int, int]) -> None:
    """Tab never lands where the letter's keys are dead unless the footer names the keys that work
    there; each panel's footer names where Tab goes next, and the block pane is never a stop."""
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for start in STARTS:
                app.screen.set_focus(app.screen.query_one(start))
                await pilot.pause()
                for _ in range(3):
                    await pilot.press("tab")
                    await pilot.pause()
                    await pilot.pause()  # the footer is recomposed after the focus moved
                    focused, footer = app.focused, _footer(app)
                    assert not isinstance(focused, BlockDetail)
                    panel = _panel(app)
                    following = {"library": "Letter", "letter": "Preview", "preview": "Library"}[panel]
                    assert f"Tab{following}" in footer, (panel, footer)
                    assert "F1Help" in footer, (panel, footer)
                    if isinstance(focused, LetterList):
                        assert "EnterEdit" in footer and "[Moveup" in footer, footer
                    elif panel == "preview":  # the letter's keys do nothing here: the footer says what does
                        assert "↑↓Scroll" in footer and "PgUpPgDnPage" in footer, footer
                    else:
                        assert "EnterAdd" in footer, footer
                    assert not footer.endswith("^"), footer  # no key cut in the middle

    asyncio.run(run())


def test_the_letters_keys_in_the_preview_say_where_they_work(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            body = [(item.block, item.variant) for item in app.session.body]
            await pilot.press("tab", "tab")  # Library -> Letter -> Preview
            await pilot.pause()
            assert _panel(app) == "preview"
            said = record_notifications(app)
            await pilot.press("right_square_bracket", "enter", "v")
            await pilot.pause()
            assert len(said) == 3, said
            assert "moves the selected block down in the Letter panel" in said[0]
            assert all("Shift+Tab" in message for message in said), said
            assert [(item.block, item.variant) for item in app.session.body] == body  # nothing changed
            await pilot.press("shift+tab", "right_square_bracket")
            await pilot.pause()
            assert _panel(app) == "letter" and app.session.dirty  # there, `]` moved the block

    asyncio.run(run())
