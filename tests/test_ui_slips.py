"""Slips a person makes in the app (issue 20, items 6 and 7): Pilot tests."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.widgets import Footer, Input, Label

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import ConfirmScreen
from rebuttal.ui.forms import DetailsScreen
from rebuttal.ui.panels import LetterList

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


def test_block_id_typo_is_named_with_a_suggestion(builtin_library: Library, tmp_path: Path) -> None:
    outline = tmp_path / "typo.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert 'block = "concerns/heterogeneity"' in text
    outline.write_text(text.replace('block = "concerns/heterogeneity"', 'block = "concerns/heterogenity"', 1),
                       encoding="utf-8")

    async def run() -> None:
        app = _app(builtin_library, outline)
        async with app.run_test(size=(160, 40)) as pilot:
            messages = record_notifications(app)
            typo = "concerns/heterogenity"
            index = next(i for i, item in enumerate(app.session.body) if item.block == typo)
            letters = app.query_one(LetterList)
            await wait_until(pilot, lambda: letters.option_count == len(app.session.body))
            row = str(letters.get_option_at_index(index).prompt)
            assert "unknown block 'concerns/heterogenity' (did you mean 'concerns/heterogeneity'?)" in row
            assert "unknown block 'concerns/heterogenity'" in screen_text(app)
            await pilot.press("tab")  # into the letter's list
            await wait_until(pilot, lambda: app.focused is letters)
            letters.highlighted = index
            await pilot.press("enter")  # no empty editor: the typo is named, as the CLI names it
            guess = "did you mean 'concerns/heterogeneity'"
            await wait_until(pilot, lambda: any(guess in m for m in messages))
            assert type(app.screen).__name__ == "MainScreen"
            assert any("typo.toml:" in m and "unknown block" in m for m in messages)

    asyncio.run(run())


def _footer_keys(app) -> list:
    footer = app.screen.query_one(Footer)
    return [key for key in footer.query("*") if hasattr(key, "key_display") and hasattr(key, "action")]


def _shown_keys(app) -> list[str]:
    return [key.description for key in _footer_keys(app) if key.display]


def _cut_keys(app) -> list[str]:
    """The footer's keys that do not show whole: narrower than their text, or overlapping another."""
    keys = [key for key in _footer_keys(app) if key.display]
    cut = []
    for key in keys:
        needed = len(key.key_display) + (len(key.description) + 1 if key.description else 0)
        others = [other.region for other in keys if other is not key]
        if key.region.width < needed or any(key.region.overlaps(region) for region in others) \
                or key.region.right > app.screen.region.right:
            cut.append(key.description)
    return cut


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_footer_keys_named_alike_and_never_cut(builtin_library: Library, size: tuple[int, int]) -> None:
    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=size) as pilot:
            def footer() -> str:
                return [line for line in screen_text(app).splitlines() if line.strip()][-1]

            await wait_until(pilot, lambda: "Quit" in footer())
            shown = footer()
            assert "F1 Help" in shown and "F2 Article" in shown and "^s Save" in shown
            assert not re.search(r"\bf\d", shown), shown
            assert shown.rstrip().endswith("^p palette"), shown
            assert not _cut_keys(app), shown
            # The letter panel brings many keys of its own: still none is cut, and F1 stays.
            app.screen.query_one(LetterList).focus()
            await wait_until(pilot, lambda: "Move down" in footer())
            await pilot.pause()
            assert "Help" in _shown_keys(app) and "Edit" in _shown_keys(app)
            assert not _cut_keys(app), _shown_keys(app)

    asyncio.run(run())


def test_offline_look_up_says_the_service_could_not_be_reached(
    builtin_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rebuttal.refs.lookup import EUTILS_ENV

    monkeypatch.setenv(EUTILS_ENV, "http://127.0.0.1:9/eutils")  # the discard port: nothing listens

    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=SIZE) as pilot:
            titles: list[str] = []
            notify = app.notify

            def recording(message: str, **options: object) -> None:
                titles.append(str(options.get("title", "")))
                notify(message, **options)  # type: ignore[arg-type]

            app.notify = recording  # type: ignore[method-assign]
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, DetailsScreen))
            await pilot.press("ctrl+l")
            await wait_until(pilot, lambda: any(t not in ("Look up", "") for t in titles))
            assert "Could not reach the service" in titles and "Not found" not in titles

    asyncio.run(run())


def test_one_comment_is_singular() -> None:
    from types import SimpleNamespace

    from rebuttal.ui.merge_screen import change_row

    change = SimpleNamespace(position=0, label="Heterogeneity", status="edited", edited=True, added=False,
                             revisions=[], comments=["x"])
    assert "(1 comment)" in str(change_row(change))  # type: ignore[arg-type]
    change.comments = ["x", "y"]
    assert "(2 comments)" in str(change_row(change))  # type: ignore[arg-type]


def test_ctrl_a_selects_the_whole_paragraph(builtin_library: Library) -> None:
    from rebuttal.ui.dialogs import EditScreen

    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=SIZE) as pilot:
            letters = app.query_one(LetterList)
            letters.focus()
            await wait_until(pilot, lambda: app.focused is letters)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, EditScreen))
            area = app.screen.query_one("#item-text")
            area.focus()
            await wait_until(pilot, lambda: app.focused is area)
            await pilot.press("ctrl+a")
            await wait_until(pilot, lambda: area.selected_text == area.text)
            assert area.text
            assert any("Ctrl+A selects all" in str(label.render()) for label in app.screen.query(Label))

    asyncio.run(run())


def test_help_leaves_out_textuals_generic_scroll_keys(builtin_library: Library) -> None:
    from rebuttal.ui.dialogs import HelpScreen
    from rebuttal.ui.panels import PreviewPanel

    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=SIZE) as pilot:
            preview = app.query_one(PreviewPanel)
            preview.focus()
            await wait_until(pilot, lambda: app.focused is preview)
            await pilot.press("f1")
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
            text = app.screen.text.lower()
            assert "help — preview" in text and "| f2 | article |" in text
            for generic in ("scroll up", "scroll down", "scroll left", "page up", "page down", "page left"):
                assert f"| {generic} |" not in text, generic

    asyncio.run(run())


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_every_answer_of_the_disk_conflict_question_shows_whole(builtin_library: Library,
                                                              size: tuple[int, int]) -> None:
    """The five answers to "changed on disk" (Cancel last) each show whole inside the dialog."""
    from textual.widgets import Button

    answers = [("combine", "Combine both"), ("reload", "Reload"), ("save_as", "Save as..."),
               ("overwrite", "Overwrite"), ("cancel", "Cancel")]

    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=size) as pilot:
            await app.push_screen(ConfirmScreen("The letter was changed on disk.", answers))
            await pilot.pause()
            dialog = app.screen.query_one(".dialog")
            inside = dialog.content_region
            for button in app.screen.query(Button):
                label = str(button.label)
                assert button.region.width >= len(label), label
                assert inside.contains_region(button.region), (label, button.region, inside)

    asyncio.run(run())
