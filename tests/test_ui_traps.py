"""Traps a Word user fell into in the app (issue: the app for the people who use it): Pilot tests."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import ConfirmScreen, PathScreen

from .conftest import ROOT, TODAY
from .ui_support import (  # noqa: F401 - fixture
    SIZE,
    add_block,
    isolated_state,
    record_notifications,
    screen_text,
    wait_until,
)

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


def _app(builtin_library: Library, path: Path):
    return make_app(path, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)


def test_palette_quit_asks_before_discarding(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = _app(builtin_library, tmp_path / "new.toml")
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "hetero")
            assert app.session.dirty
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"quit")
            await wait_until(pilot, lambda: "Asks first when there are unsaved changes" in screen_text(app))
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert app.is_running
            assert isinstance(app.screen, ConfirmScreen)  # "Save the changes ... before quitting?"
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "Quit" not in titles

    asyncio.run(run())


def test_app_keys_work_from_the_filter_box(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = _app(builtin_library, tmp_path / "new.toml")
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "hetero")
            await pilot.press("slash", *"grouping")
            await pilot.pause()
            assert app.query_one("#filter", Input).has_focus
            await pilot.press("ctrl+e")  # Input's own "end of line" must not win
            await pilot.pause()
            assert isinstance(app.screen, PathScreen)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("slash")
            await pilot.press("ctrl+z")  # undo the added block, from the text box
            await pilot.pause()
            assert app.session.body == []

    asyncio.run(run())


def test_letter_keys_in_the_library_say_where_they_work(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = _app(builtin_library, tmp_path / "new.toml")
        async with app.run_test(size=SIZE) as pilot:
            app.query_one("#blocks").focus()
            await pilot.pause()
            messages = record_notifications(app)
            await pilot.press("right_square_bracket", "t", "v")
            await pilot.pause()
            assert app.query_one("#filter", Input).value == ""  # nothing typed into the filter
            assert any("moves the selected block down in the Letter panel" in m for m in messages)
            assert any("adds a paragraph of your own" in m for m in messages)

    asyncio.run(run())


def test_f2_on_an_existing_letter_selects_nothing(builtin_library: Library) -> None:
    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            focused = app.focused
            assert isinstance(focused, Input) and focused.value  # a field with content...
            assert focused.selection.is_empty  # ...nothing selected: a keystroke adds, never replaces
            await pilot.press("x")
            assert focused.value.endswith("x") and len(focused.value) > 1

    asyncio.run(run())


def test_own_paragraph_dialog_starts_in_the_text_and_has_no_restore(builtin_library: Library,
                                                                      tmp_path: Path) -> None:
    from textual.widgets import Button, TextArea

    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("tab")  # the Letter panel
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.focused, TextArea)
            assert not app.screen.query("#item-title")  # no heading field above the text
            assert not app.screen.query("#restore")
            await pilot.press(*"Our own words.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert any(item.text == "Our own words." for item in app.session.body)
            # A library block's edit dialog keeps "Restore the library's text".
            app.query_one("#items").highlighted = 5
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query("#restore").first(Button)

    asyncio.run(run())


def test_export_without_an_extension_adds_the_formats(builtin_library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            box = app.screen.query_one("#path", Input)
            box.value = str(tmp_path / "certainty")
            await pilot.press("enter")
            await pilot.pause()

    asyncio.run(run())
    assert (tmp_path / "certainty.docx").is_file() and not (tmp_path / "certainty").exists()


def test_small_things(builtin_library: Library, tmp_path: Path) -> None:
    """'1 block' not '1 blocks'; undoing back to the saved letter is not 'unsaved'; the red-field
    reminder goes once the field is fixed."""
    from textual.widgets import Label

    async def run() -> None:
        app = _app(builtin_library, tmp_path / "new.toml")
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "hetero")
            assert app.query_one("#letter").border_subtitle == "1 block"
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert not app.session.dirty  # back to the (empty) letter as it was opened
            await pilot.press("f2")
            await pilot.pause()
            pmid = app.screen.query_one("#article-pmid", Input)
            pmid.value = "12x"
            await pilot.press("ctrl+s")
            await pilot.pause()
            error = app.screen.query_one("#dialog-error", Label)
            assert "Fix the field" in str(error.render())
            pmid.value = "12"
            await pilot.pause()
            assert str(error.render()) == ""

    asyncio.run(run())


def test_points_that_restart_are_announced_and_can_join(builtin_library: Library, tmp_path: Path) -> None:

    async def run() -> None:
        app = _app(builtin_library, tmp_path / "new.toml")
        async with app.run_test(size=(160, 30)) as pilot:
            app.session.add_block("concerns/heterogeneity")
            app.session.add_custom("evidence", "Our own words between the points.")
            app.session.add_block("concerns/grouping-of-diagnoses")
            app.screen.refresh_letter()
            await pilot.pause()
            assert [p.number for p in app.session.document.points] == [1, 1]
            assert "⚠ restarts numbering (j joins)" in screen_text(app)
            app.query_one("#items").focus()
            app.query_one("#items").highlighted = 1
            await pilot.press("j")
            await pilot.pause()
            assert app.session.body[1].part_of_point
            assert [p.number for p in app.session.document.points] == [1, 2]
            first = app.session.document.points[0]
            assert first.paragraphs[-1].plain() == "Our own words between the points."
            assert "↳ Our own words" in screen_text(app)
            target = tmp_path / "joined.toml"
            app.session.save(target)
            assert "part_of_point = true" in target.read_text()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [p.number for p in app.session.document.points] == [1, 1]

    asyncio.run(run())


def test_design_spellings_and_synonyms_match_the_library(builtin_library: Library, tmp_path: Path) -> None:
    from textual.widgets import Label

    from rebuttal.designs import same_design
    from rebuttal.ui.panels import suits_design

    assert same_design("randomised trial", "randomized clinical trial")
    assert same_design("randomised trial", "RCT") and same_design("network meta-analysis", "NMA")
    block = builtin_library.block("concerns/sham-comparator")
    assert "randomised trial" in block.tags and suits_design(block, "Randomized Controlled Trial")

    async def run() -> None:
        app = _app(builtin_library, tmp_path / "new.toml")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            design = app.screen.query_one("#article-design", Input)
            design.value = "randomized clinical trial"
            await pilot.pause()
            shown = str(app.screen.query_one("#design-match", Label).render())
            assert "Matches the library's 'randomised trial'" in shown

    asyncio.run(run())


def test_short_marker_survives_a_long_title_and_the_form_uses_the_width(builtin_library: Library,
                                                                         tmp_path: Path) -> None:

    async def run() -> None:
        app = _app(builtin_library, tmp_path / "new.toml")
        async with app.run_test(size=(100, 30)) as pilot:
            app.session.add_block("concerns/extrapolation-to-guidelines")
            app.session.toggle_variant(0)
            app.screen.refresh_letter()
            await pilot.pause()
            row = next(line for line in screen_text(app).splitlines() if "point 1" in line)
            assert "[short]" in row
        wide = _app(builtin_library, tmp_path / "new.toml")
        async with wide.run_test(size=(200, 50)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            assert wide.screen.query_one("#details").size.width > 150

    asyncio.run(run())


def test_a_long_dialog_error_wraps_instead_of_being_cut(builtin_library: Library, tmp_path: Path) -> None:
    from textual.widgets import Label

    async def run() -> None:
        app = _app(builtin_library, EXAMPLE)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            app.screen.action_import_article()
            await pilot.pause()
            box = app.screen.query_one("#path", Input)
            box.value = str(tmp_path / "no-such-folder" / "and-a-rather-long-file-name-for-a-reference.nbib")
            await pilot.press("enter")
            await pilot.pause()
            error = app.screen.query_one("#dialog-error", Label)
            assert error.size.height >= 2  # wrapped onto more lines, not cut at the edge
            assert "No such file or directory" in str(error.render()) or "not found" in str(error.render())

    asyncio.run(run())
