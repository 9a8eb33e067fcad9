"""The Signatories screen (F3) and the co-signers in the F2 form, driven as a person would (issue 18)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from textual.widgets import Input, Label, OptionList, SelectionList

from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library
from rebuttal.people.entries import SignatoryEntry
from rebuttal.ui.app import make_app
from rebuttal.ui.signatories_screen import FieldsScreen, SignatoriesScreen, SignatoryList

from .conftest import ROOT, TODAY
from .ui_support import isolated_state, library, preview_text, screen_text, type_text, wait_until

__all__ = ["isolated_state", "library"]  # fixtures used by the tests below

SIZE = (140, 44)
JOINT = ROOT / "examples" / "jama-joint-letter-wang-2025.toml"
JAMA = ROOT / "examples" / "jama-letter-wang-2025.toml"


def _letter(tmp_path: Path, example: Path = JAMA) -> Path:
    path = tmp_path / example.name
    shutil.copy(example, path)
    return path


def test_f3_is_in_the_footer_and_the_palette_finds_signat(library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_letter(tmp_path), library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            footer = [line for line in screen_text(app).splitlines() if "palette" in line][-1]
            assert "Signatories" in footer
            await pilot.press("ctrl+p")
            await pilot.pause()
            await type_text(pilot, "signat")
            await wait_until(pilot, lambda: "Signatories…" in screen_text(app))
            assert "key F3" in screen_text(app)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SignatoriesScreen))

    asyncio.run(run())


def test_choose_people_add_a_new_one_reorder_mark_disclose_undo_and_save(
    library: Library, tmp_path: Path
) -> None:
    letter = _letter(tmp_path)

    async def run() -> None:
        app = make_app(letter, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            session = app.session
            await pilot.press("f3")
            await wait_until(pilot, lambda: isinstance(app.screen, SignatoriesScreen))
            screen = app.screen
            rows = screen.query_one(SignatoryList)
            assert app.focused is screen.query_one("#find-person", Input)
            # Add from the society's people as you type.
            await type_text(pilot, "okaf")
            people = screen.query_one("#people", OptionList)
            await wait_until(pilot, lambda: people.option_count == 1)
            await pilot.press("enter")
            await wait_until(pilot, lambda: rows.option_count == 3)
            assert [e.person for e in session.outline.signatories] == ["kowalski", "lindqvist", "okafor"]
            assert session.dirty
            # A new person, with a disclosure.
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda: isinstance(app.screen, FieldsScreen))
            form = app.screen
            form.query_one("#field-name", Input).value = "Maria Santos"
            form.query_one("#field-degrees", Input).value = "MD, MPH"
            form.query_one("#field-disclosure", Input).value = "Grant support from the Michigan Health Fund."
            form.query_one("#field-disclosure_date", Input).value = "2025-02-20"
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: app.screen is screen and rows.option_count == 4)
            assert session.outline.signatories[3] == SignatoryEntry(
                name="Maria Santos", degrees="MD, MPH",
                disclosure="Grant support from the Michigan Health Fund.", disclosure_date="2025-02-20")
            assert "Maria Santos: Grant support from the Michigan Health Fund." in preview_text(app)
            # Reorder, mark corresponding, remove: on the list.
            rows.focus()
            rows.highlighted = 3
            await pilot.press("left_square_bracket")
            await wait_until(pilot, lambda: session.outline.signatories[2].name == "Maria Santos")
            await pilot.press("c")
            await wait_until(pilot, lambda: session.outline.signatories[2].corresponding)
            assert not session.outline.signatories[0].corresponding  # only one corresponding author
            rows.highlighted = 1
            await pilot.press("delete")
            await wait_until(pilot, lambda: len(session.outline.signatories) == 3)
            assert [e.person or e.name for e in session.outline.signatories] == ["kowalski", "Maria Santos",
                                                                                 "okafor"]
            # Edit a disclosure (Kowalski's, in this letter only).
            rows.highlighted = 0
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, FieldsScreen))
            app.screen.query_one("#field-disclosure", Input).value = "None declared."
            app.screen.query_one("#field-disclosure_date", Input).value = "2025-03-01"
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: app.screen is screen)
            first = session.outline.signatories[0]
            assert (first.disclosure, first.disclosure_date) == ("None declared.", "2025-03-01")
            assert "Anna Kowalski: None declared." in preview_text(app)
            # Undo, here as on the main screen.
            await pilot.press("ctrl+z")
            await wait_until(pilot, lambda: session.outline.signatories[0].disclosure == "")
            await pilot.press("ctrl+y")
            await wait_until(pilot, lambda: session.outline.signatories[0].disclosure == "None declared.")
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, SignatoriesScreen))
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not session.dirty)

    asyncio.run(run())
    saved = load_outline(letter)
    assert [e.person or e.name for e in saved.signatories] == ["kowalski", "Maria Santos", "okafor"]
    assert saved.signatories[0].disclosure == "None declared." and saved.signatories[1].corresponding
    assert "# The signatories are people of the library" in letter.read_text()  # comments kept


def test_a_bad_new_person_is_refused_in_the_form(library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_letter(tmp_path), library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3")
            await wait_until(pilot, lambda: isinstance(app.screen, SignatoriesScreen))
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda: isinstance(app.screen, FieldsScreen))
            app.screen.query_one("#field-name", Input).value = "A Person"
            app.screen.query_one("#field-society", Input).value = "gliss"  # gliss does not sign this letter
            await pilot.press("ctrl+s")
            error = app.screen.query_one("#dialog-error", Label)
            await wait_until(pilot, lambda: "'gliss' does not sign this letter" in str(error.render()))
            assert isinstance(app.screen, FieldsScreen) and len(app.session.outline.signatories) == 2

    asyncio.run(run())


def test_a_letter_signed_by_its_profiles_is_written_out_on_the_first_change(
    library: Library, tmp_path: Path
) -> None:
    letter = _letter(tmp_path, ROOT / "examples" / "psps-wang-2025.toml")

    async def run() -> None:
        app = make_app(letter, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3")
            await wait_until(pilot, lambda: isinstance(app.screen, SignatoriesScreen))
            rows = app.screen.query_one(SignatoryList)
            assert rows.option_count == 3 and app.session.outline.signatories == []
            rows.focus()
            rows.highlighted = 0
            await pilot.press("delete")
            await wait_until(pilot, lambda: len(app.session.outline.signatories) == 2)
            assert [e.name for e in app.session.outline.signatories] == ["John Roe", "Board of Directors"]

    asyncio.run(run())


def test_f2_chooses_cosigners(library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_letter(tmp_path), library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await type_text(pilot, "co-signing")
            await wait_until(pilot, lambda: "Co-signing societies…" in screen_text(app))
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.focused, SelectionList))
            choices = app.focused
            assert choices.selected == []
            await pilot.press("down", "space")  # example-society, then GLISS: tick GLISS
            await wait_until(pilot, lambda: choices.selected == ["gliss"])
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: app.session.outline.cosigners != [])
            assert [c.id for c in app.session.outline.cosigners] == ["gliss"]
            shown = preview_text(app)
            assert "Great Lakes Interventional Spine Society" in shown.splitlines()[1]
            assert "For the Pacific Spine and Pain Society" in shown
            await pilot.press("ctrl+z")
            await wait_until(pilot, lambda: app.session.outline.cosigners == [])

    asyncio.run(run())
