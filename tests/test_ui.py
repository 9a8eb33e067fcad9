"""The app driven as a person would (Textual Pilot): from an empty letter to an exported DOCX."""

from __future__ import annotations

import asyncio
import re
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea

from rebuttal.app.autosave import autosave_path
from rebuttal.cli import main
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library
from rebuttal.ui.app import RebuttalApp, make_app
from rebuttal.ui.dialogs import ConfirmScreen, EditScreen, HelpScreen, PathScreen
from rebuttal.ui.forms import DetailsScreen
from rebuttal.ui.palette import PALETTE_ACTIONS

from .conftest import EXAMPLE, TODAY
from .ui_support import (
    SIZE,
    add_block,
    isolated_state,
    library,
    preview_text,
    record_notifications,
    screen_text,
    type_text,
    wait_until,
)

__all__ = ["isolated_state", "library"]  # fixtures used by the tests below



def test_app_starts_with_the_example_and_shows_the_preview(library: Library) -> None:
    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "Pacific Spine and Pain Society" in shown
            assert "Statement of Concern" in shown
            assert "Words 823" in shown and "Refs 14" in shown
            assert len(app.session.body) == 17
            assert "psps-wang-2025.toml" in shown

    asyncio.run(run())


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_app_fits_small_and_large_terminals(library: Library, size: tuple[int, int]) -> None:
    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            for visible in ("Library", "Letter", "Preview", "Words", "Save", "Help"):
                assert visible in shown, visible

    asyncio.run(run())


async def _fill_details(pilot, app: RebuttalApp) -> None:
    await pilot.press("f2")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, DetailsScreen)
    assert app.focused is form.query_one("#society", Select)  # a new letter starts at the society
    await pilot.press("enter", "down", "down", "down", "enter")  # the list: example, GLISS, PSPS
    await pilot.pause()
    assert form.query_one("#society", Select).value == "psps"
    fields = {
        "#letter-date": "2025-03-10",
        "#letter-recipient": "The Editors, The BMJ",
        "#article-title": "Common interventional procedures for chronic spine pain",
        "#article-authors": "Wang, X; Martin, G; Busse, JW", "#article-journal": "BMJ",
        "#article-date": "2025-02-19", "#article-volume": "388", "#article-pages": "e079971",
        "#article-doi": "10.1136/bmj-2024-079971", "#article-pmid": "3997x",
        "#article-design": "network meta-analysis",
    }
    form.query_one("#letter-venue", Select).value = "society-statement"  # chosen, not typed
    typed = ("#letter-date", "#article-pmid", "#article-design")  # key by key, checked as typed
    for selector, value in fields.items():
        field = form.query_one(selector, Input)
        if selector in typed:
            field.focus()
            await type_text(pilot, value)
        else:  # as pasted: each key would lay the long form out again (~0.1 s)
            field.value = value
    await pilot.pause()
    problem = form.query_one("#article-pmid-problem")
    assert problem.display and "not a PubMed ID" in str(problem.render())
    await pilot.press("ctrl+s")  # refused: the PMID is wrong, the form stays open
    await pilot.pause()
    assert app.screen is form and app.focused is form.query_one("#article-pmid", Input)
    await pilot.press("end", "backspace", *"1346")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(app.screen, DetailsScreen)


def _docx_parts(path: Path) -> dict[str, bytes]:
    """The DOCX's parts, without the creation time stamps (the only thing allowed to differ)."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_journey_from_empty_letter_to_docx_matching_the_batch_build(library: Library, tmp_path: Path) -> None:
    outline_path = tmp_path / "new.toml"

    async def run() -> None:
        app = make_app(outline_path, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Empty: pick a block" in screen_text(app)
            await _fill_details(pilot, app)
            article = app.session.outline.article
            assert article.authors == ["Wang, X", "Martin, G", "Busse, JW"]
            assert article.pmid == "39971346" and app.session.outline.society.id == "psps"

            for query in ("statement", "hetero", "grouping", "burden", "body of evidence"):
                await add_block(pilot, query)
            ids = [item.block for item in app.session.body]
            assert ids == [
                "opening/statement-of-concern", "concerns/heterogeneity", "concerns/grouping-of-diagnoses",
                "evidence/burden-of-chronic-pain", "closing/body-of-evidence",
            ]
            shown = screen_text(app)
            assert re.search(r"point 1 +Heterogeneity of Studies", shown)
            assert re.search(r"point 2 +Inappropriate Grouping", shown)

            # Reorder: the grouping concern becomes point 1.
            await pilot.click("#items")
            app.query_one("#items").highlighted = 2
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert [p.source.block_id for p in app.session.document.points] == [
                "concerns/grouping-of-diagnoses", "concerns/heterogeneity",
            ]
            assert re.search(r"point 1 +Inappropriate Grouping", screen_text(app))
            assert "1. Inappropriate Grouping of Diagnoses" in screen_text(app)  # the preview follows

            # Edit the heterogeneity point's text in this letter only; a bad key is refused.
            app.query_one("#items").highlighted = 2
            await pilot.press("enter")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, EditScreen)
            await pilot.press("f7", *"Pooled estimates from {article.first_author} et al [@nosuchkey].")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is editor
            assert "nosuchkey" in str(editor.query_one("#dialog-error").render())
            editor.query_one(TextArea).text = "Pooled estimates from {article.first_author} et al [@article]."
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is not editor
            assert app.session.body[2].text.startswith("Pooled estimates")
            assert "Pooled estimates from Wang et al (1)." in preview_text(app)
            status = str(app.query_one("#status").render())
            words = app.session.document.word_count()
            assert f"Words {words}" in status and "Venue: society-statement" in status
            assert "All placeholders filled" in status

            await pilot.press("ctrl+s")
            await pilot.pause()
            assert outline_path.is_file() and not app.session.dirty
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, PathScreen)
            app.screen.query_one("#path", Input).value = str(tmp_path / "app.docx")
            notices = record_notifications(app)
            await pilot.press("enter")
            await pilot.pause()
            assert (tmp_path / "app.docx").is_file()
            assert any("Exported" in message for message in notices)

    asyncio.run(run())
    assert load_outline(outline_path).body[2].text.startswith("Pooled estimates")
    assert main(["build", str(outline_path), "-o", str(tmp_path / "batch.docx")]) == 0
    assert _docx_parts(tmp_path / "app.docx") == _docx_parts(tmp_path / "batch.docx")


def test_every_change_undoes_with_keys(library: Library) -> None:
    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "hetero")
            await add_block(pilot, "grouping")
            await pilot.click("#items")
            await pilot.press("d", "delete", "v")
            await pilot.pause()
            assert app.session.body[1].variant == "short"
            for _ in range(5):
                await pilot.press("ctrl+z")
            await pilot.pause()
            assert app.session.body == []
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert [i.block for i in app.session.body] == ["concerns/heterogeneity"]
            await pilot.press("enter")  # the selection followed the shorter letter: no crash
            await pilot.pause()
            assert isinstance(app.screen, EditScreen)

    asyncio.run(run())


def test_refused_change_is_a_message_not_a_crash(library: Library) -> None:
    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            notices = record_notifications(app)
            no_short = next(b for b in library.blocks.values() if not b.short)
            app.session.add_block(no_short.id)
            app.screen.refresh_letter()
            await pilot.click("#items")
            await pilot.press("v")
            await pilot.pause()
            assert any("no short variant" in message for message in notices)
            assert app.is_running

    asyncio.run(run())


def test_quitting_with_unsaved_changes_asks_first(library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(tmp_path / "letter.toml", library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "hetero")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.click("#cancel")
            await pilot.pause()
            assert app.is_running and not isinstance(app.screen, ConfirmScreen)
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.click("#save")
            await pilot.pause()
        assert (tmp_path / "letter.toml").is_file()

    asyncio.run(run())


def test_autosave_is_offered_back_at_the_next_start(library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"

    async def work() -> None:
        app = make_app(letter, library, today=TODAY, autosave_seconds=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "hetero")
            await wait_until(pilot, autosave_path(letter, app.main_screen.files.window).is_file)
            # The terminal dies here: no save, no clean quit (leaving run_test does neither).

    async def recover() -> None:
        app = make_app(letter, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.click("#recover")
            await pilot.pause()
            assert [i.block for i in app.session.body] == ["concerns/heterogeneity"]
            assert app.session.dirty

    asyncio.run(work())
    asyncio.run(recover())


def test_help_names_the_panel_and_its_keys(library: Library) -> None:
    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click("#items")
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert "Help — Letter" in app.screen.text
            for row in ("| [ or shift+↑ | Move up |", "| del or x | Remove |", "| ^s | Save |",
                        "| ^e | Export |"):
                assert row in app.screen.text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)

    asyncio.run(run())


def test_every_binding_has_an_id_and_a_description() -> None:
    from rebuttal.ui import dialogs, forms, panels

    classes = [RebuttalApp, panels.BlockList, panels.LetterList, panels.PreviewPanel, forms.DetailsScreen,
               dialogs.EditScreen,
               dialogs.NewBlockScreen, dialogs.HelpScreen, dialogs.Dialog, dialogs.ConfirmScreen]
    for cls in classes:
        for binding in cls.BINDINGS:
            assert binding.id and binding.description, (cls.__name__, binding)


def test_the_palette_offers_every_action() -> None:
    from rebuttal.ui.library_panel import BlockList
    from rebuttal.ui.main_screen import MainScreen
    from rebuttal.ui.panels import LetterList

    bound = {
        b.action.removeprefix("app.").removeprefix("screen.")
        for cls in (RebuttalApp, MainScreen, LetterList, BlockList) for b in cls.BINDINGS
    }
    offered = {action for _, action, _ in PALETTE_ACTIONS}
    assert bound - {"command_palette", "add", "focus_next", "focus_previous"} <= offered
    for action in offered:  # the palette runs them on the main screen
        name = action.split("(")[0]
        assert hasattr(MainScreen, f"action_{name}"), action
