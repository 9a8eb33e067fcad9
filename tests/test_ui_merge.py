"""Merging an edited DOCX in the app (Pilot): F6, review, reject one change, apply, undo."""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx
from textual.widgets import Input, Label, SelectionList

from rebuttal.library.stack import Library
from rebuttal.ui.app import RebuttalApp, make_app
from rebuttal.ui.dialogs import EditScreen, PathScreen
from rebuttal.ui.main_screen import MainScreen
from rebuttal.ui.merge_screen import MergeReviewScreen
from rebuttal.ui.palette import PALETTE_ACTIONS
from rebuttal.ui.panels import LetterList

from . import word_edits as edits
from .conftest import TODAY
from .merge_support import EDITOR, export_example
from .ui_support import SIZE, isolated_state, library, preview_text, screen_text

__all__ = ["isolated_state", "library"]  # fixtures used by the tests below

NEW = "We thank the editors for their careful reading."


def _edited(exported: Path) -> Path:
    word = docx.Document(str(exported))
    edits.track_delete(word, "markedly heterogeneous", "markedly ", EDITOR)
    edits.comment(word, "which calls into question", "pooled results", "Board Member", "Cite the I² values?")
    edits.delete_paragraph(word, "In light of these concerns", EDITOR)
    edits.add_paragraph_after(word, "keep listening to its members", NEW, EDITOR)
    path = exported.with_name("edited.docx")
    word.save(str(path))
    return path


async def _open_review(app: RebuttalApp, pilot, path: Path) -> MergeReviewScreen:
    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(app.screen, PathScreen)  # (the Word file picker: a path box under its list)
    box = app.screen.query_one("#path", Input)
    box.value = str(path)
    app.screen.set_focus(box)
    await pilot.press("enter")
    await pilot.pause()
    return app.screen  # type: ignore[return-value]


def test_merge_review_accept_reject_apply_and_undo(library: Library, tmp_path: Path) -> None:
    outline, exported = export_example(tmp_path, library)
    edited = _edited(exported)

    async def run() -> None:
        app = make_app(outline, library, today=TODAY, autosave_seconds=None)
        app.offer_recovery = False
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            original = [(b.block, b.text) for b in app.session.body]
            review = await _open_review(app, pilot, edited)
            assert isinstance(review, MergeReviewScreen)
            labels = [(c.label, c.status) for c in review.changes]
            assert labels == [
                ("concerns/heterogeneity", "edited"),
                ("transition/interpret-with-caution", "deleted"),
                ("new paragraph", "added"),
            ]
            shown = screen_text(app)
            assert "comment by Board Member" in shown and "pooled results" in shown
            assert "tracked: deleted by Jane Editor" in shown
            # Reject the deletion: highlight the second row and press Space.
            choices = review.query_one(SelectionList)
            assert choices.has_focus and list(choices.selected) == [0, 1, 2]
            await pilot.press("down", "space")
            await pilot.pause()
            assert list(choices.selected) == [0, 2]
            # Kept and rejected are said in words on each row, not by colour alone.
            rows = [str(choices.get_option_at_index(i).prompt) for i in range(3)]
            assert [row.split()[1] for row in rows] == ["kept", "rejected", "kept"]
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, MergeReviewScreen)
            body = app.session.body
            blocks = [b.block for b in body]
            assert "transition/interpret-with-caution" in blocks  # rejected: kept
            heterogeneity = body[blocks.index("concerns/heterogeneity")]
            assert heterogeneity.text.startswith("The included studies are heterogeneous, which")
            assert heterogeneity.notes and heterogeneity.notes[0].startswith("Board Member (")
            assert any(b.text == NEW for b in body)
            preview = preview_text(app)
            assert NEW in preview and "markedly" not in preview
            row = app.query_one(LetterList).get_option_at_index(blocks.index("concerns/heterogeneity"))
            assert "[1 note]" in str(row.prompt)
            assert app.session.dirty
            # The notes show when the item is opened for editing.
            app.screen.selected = blocks.index("concerns/heterogeneity")
            app.screen.action_edit_item()
            await pilot.pause()
            assert isinstance(app.screen, EditScreen) and "Cite the I² values?" in app.screen.heading
            await pilot.press("escape")
            await pilot.pause()
            # One undo takes the whole merge back.
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [(b.block, b.text) for b in app.session.body] == original
            assert "markedly" in preview_text(app)

    asyncio.run(run())


def test_an_unchanged_export_is_no_change_and_bad_files_stay_in_dialog(library: Library, tmp_path) -> None:
    outline, exported = export_example(tmp_path, library)
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("hello")

    async def run() -> None:
        app = make_app(outline, library, today=TODAY, autosave_seconds=None)
        app.offer_recovery = False
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await _open_review(app, pilot, exported)
            assert not isinstance(app.screen, (PathScreen, MergeReviewScreen))
            assert not app.session.dirty and app.session.history.can_undo is False
            screen = await _open_review(app, pilot, not_docx)
            assert isinstance(screen, PathScreen)
            assert "not a Word document" in str(screen.query_one("#dialog-error", Label).render())

    asyncio.run(run())


def test_merge_is_in_the_palette() -> None:
    assert any(action == "merge_docx" for _, action, _ in PALETTE_ACTIONS)
    assert any(b.key == "f6" and b.action == "merge_docx" for b in MainScreen.BINDINGS)


def test_rejecting_everything_leaves_the_letter_alone(library: Library, tmp_path: Path) -> None:
    outline, exported = export_example(tmp_path, library)
    edited = _edited(exported)

    async def run() -> None:
        app = make_app(outline, library, today=TODAY, autosave_seconds=None)
        app.offer_recovery = False
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            review = await _open_review(app, pilot, edited)
            await pilot.click("#none")
            await pilot.pause()
            assert list(review.query_one(SelectionList).selected) == []
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, MergeReviewScreen)
            assert not app.session.dirty and not app.session.history.can_undo

    asyncio.run(run())


def test_the_merge_dialog_suggests_the_editors_file_not_the_export(tmp_path: Path) -> None:
    import os

    from rebuttal.ui.docx_picker import suggested_edited_docx

    outline = tmp_path / "letter.toml"
    outline.write_text("", encoding="utf-8")
    assert suggested_edited_docx(outline) == tmp_path / "letter.docx"  # nothing else: the export
    export, older, newer = (tmp_path / n for n in ("letter.docx", "draft.docx", "letter-JE-edits.docx"))
    for age, path in enumerate((newer, older, export)):  # the export is the newest of all
        path.write_bytes(b"")
        os.utime(path, (1_700_000_000 + age, 1_700_000_000 + age))
    (tmp_path / "~$letter-JE-edits.docx").write_bytes(b"")  # Word's lock file, newest but never a letter
    os.utime(older, (1_600_000_000, 1_600_000_000))
    assert suggested_edited_docx(outline) == newer
