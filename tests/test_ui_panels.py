"""The app's panels and dialogs driven through Pilot: import, new block, mouse, preview, venue."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, TextArea

from rebuttal.cli import main
from rebuttal.library.stack import Library
from rebuttal.ui.app import make_app
from rebuttal.ui.dialogs import EditScreen, HelpScreen, PathScreen
from rebuttal.ui.panels import PreviewPanel

from .conftest import EXAMPLE, TODAY
from .ui_support import SIZE, add_block, isolated_state, library, preview_text, screen_text, type_text

__all__ = ["isolated_state", "library"]  # fixtures used by the tests below


def test_article_imported_from_a_reference_file(library: Library, tmp_path: Path) -> None:
    ris = tmp_path / "wang.ris"
    ris.write_text(
        "TY  - JOUR\nAU  - Wang, X\nAU  - Martin, G\nTI  - Common interventional procedures\n"
        "JO  - BMJ\nPY  - 2025/02/19\nVL  - 388\nSP  - e079971\nDO  - 10.1136/bmj-2024-079971\nER  - \n"
    )

    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            form = app.screen
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, PathScreen)
            app.screen.query_one("#path", Input).value = str(tmp_path / "missing.ris")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PathScreen)  # a missing file is a message, not a crash
            app.screen.query_one("#path", Input).value = str(ris)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is form
            assert form.query_one("#article-doi", Input).value == "10.1136/bmj-2024-079971"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.session.outline.article.authors == ["Wang, X", "Martin, G"]

    asyncio.run(run())


def test_new_block_written_to_the_user_library_and_added(library: Library) -> None:
    from rebuttal.library.stack import user_library_folder

    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n")
            await pilot.pause()
            dialog = app.screen
            await type_text(pilot, "Concerns/Bad Id")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "group/name" in str(dialog.query_one("#dialog-error").render())
            dialog.query_one("#block-id", Input).value = "concerns/sample-size"
            dialog.query_one("#block-title", Input).value = "Small samples"
            dialog.query_one("#block-text", TextArea).text = "The trials were small [@article]."
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is not dialog
            assert [i.block for i in app.session.body] == ["concerns/sample-size"]
            assert "Small samples" in screen_text(app)

    asyncio.run(run())
    assert (user_library_folder() / "concerns" / "sample-size.toml").is_file()


def test_a_second_click_on_a_library_block_adds_it(library: Library) -> None:
    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#blocks", offset=(5, 2))
            assert app.session.body == []
            await pilot.click("#blocks", offset=(5, 2))
            await pilot.pause()
            assert len(app.session.body) == 1

    asyncio.run(run())


def test_preview_lines_are_the_letter_laid_out_whole(library: Library) -> None:
    """The preview lays its parts out one by one (reusing unchanged ones): same lines as all at once."""
    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click("#items")
            app.query_one("#items").highlighted = 4
            await pilot.press("right_square_bracket", "right_square_bracket", "d", "left_square_bracket")
            await pilot.pause()
            panel = app.query_one(PreviewPanel)
            console = app.console
            options = console.options.update_width(panel.scrollable_content_region.width)
            whole = console.render_lines(panel.renderable, options, pad=False)
            assert [strip.text for strip in panel.lines] == ["".join(s.text for s in line) for line in whole]
            assert [strip.text for strip in panel.lines] != []

    asyncio.run(run())


def test_own_paragraph_and_help_by_question_mark(library: Library) -> None:
    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "statement")
            await pilot.click("#items")
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, EditScreen)
            app.screen.query_one(TextArea).text = "We thank the editors [@article]."
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.session.body[1].is_custom and app.session.body[1].text.startswith("We thank")
            assert "own text" in screen_text(app)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen) and "| t | Own text |" in app.screen.text

    asyncio.run(run())


def test_rebuttal_outline_opens_the_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import rebuttal.ui.app as app_module

    opened: list[Path | None] = []

    class Recorder:
        def run(self) -> None:
            pass

    def fake_make_app(path: Path | None, library: Library, **options: object) -> Recorder:
        opened.append(path)
        return Recorder()

    monkeypatch.setattr(app_module, "make_app", fake_make_app)
    (tmp_path / "letter.toml").write_text('[letter]\ntitle = "A letter"\n')
    assert main([str(tmp_path / "letter.toml")]) == 0
    assert main(["edit"]) == 0
    assert opened == [tmp_path / "letter.toml", None]
    assert main(["edit", str(tmp_path)]) == 2  # a folder is refused in one line


def test_a_broken_outline_is_one_line_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[letter]\ntitle = \n")
    assert main(["edit", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.toml" in err and "Traceback" not in err


def test_library_lists_design_suited_blocks_first_and_fills_them_in(library: Library) -> None:
    from rebuttal.ui.panels import suits_design

    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            blocks = app.query_one("#blocks")
            ids = [blocks.get_option_at_index(i).id for i in range(blocks.option_count)]
            concerns = [library.block(i) for i in ids if i and library.block(i).kind == "concern"]
            suited = [suits_design(b, "network meta-analysis") for b in concerns]
            assert any(suited)
            assert suited == sorted(suited, reverse=True)  # every suited block before the others
            # Every shipped concern is written for a review (a tag of its family), not for a cohort.
            assert not all(suits_design(b, "cohort study") for b in concerns)
            await pilot.press(*"statement")
            await pilot.pause()
            from rich.console import Console

            console = Console(width=300, record=True, file=io.StringIO())
            console.print(app.query_one("#block-text").content)
            detail = console.export_text()
            assert "Statement of Concern" in screen_text(app)
            assert re.search(r"by\s+Wang\s+et\s+al", detail) and "{article" not in detail  # from [article]

    asyncio.run(run())


def test_choosing_a_venue_shows_its_limits_and_takes_its_style(library: Library) -> None:
    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            form = app.screen
            venue = form.query_one("#letter-venue", Select)
            shown = venue.query_one(OptionList)  # the list the Select drops down
            names = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
            assert any(name.startswith("JAMA, Letter to the Editor") and "400 words, 5 refs" in name
                       for name in names)  # journals by name, with their limits: nothing to type exactly
            venue.value = "jama-letter"
            await pilot.pause()
            assert "400 words" in str(form.query_one("#venue-summary").render())
            assert form.query_one("#letter-style", Select).value == "ama"
            await pilot.press("ctrl+s")
            await pilot.pause()
            status = str(app.query_one("#status").render())
            assert f"Words {app.session.document.word_count()}/400" in status
            assert "Refs 14/5" in status

    asyncio.run(run())


def test_a_letter_that_does_not_assemble_opens_and_can_be_fixed(library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    letter.write_text(
        '[letter]\nstyle = "nlm"\n\n[society]\nid = "gone"\n\n[[body]]\nblock = "opening/salient-points"\n'
    )

    async def run() -> None:
        app = make_app(letter, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "unknown society 'gone'" in app.session.error
            assert "unknown society 'gone'" in preview_text(app)  # shown, not raised
            await pilot.press("f2")
            await pilot.pause()
            await pilot.press("enter", "down", "down", "down", "enter", "ctrl+s")
            await pilot.pause()
            assert app.session.error == "" and app.session.outline.society.id == "psps"
            assert "Pacific Spine and Pain Society" in screen_text(app)

    asyncio.run(run())


def test_a_new_letter_is_saved_where_the_person_says(library: Library, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await add_block(pilot, "hetero")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, PathScreen)
            app.screen.query_one("#path", Input).value = str(tmp_path / "mine.toml")
            await pilot.press("enter")
            await pilot.pause()
            assert app.session.path == tmp_path / "mine.toml" and not app.session.dirty
            assert "mine.toml" in screen_text(app)

    asyncio.run(run())


def test_typing_in_the_library_list_filters_it(library: Library) -> None:
    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.focused is app.query_one("#blocks")  # the app starts in the library
            await pilot.press("h", "e", "t", "e", "r", "o")
            await pilot.pause()
            assert app.query_one("#filter", Input).value == "hetero"
            blocks = app.query_one("#blocks")
            assert blocks.highlighted_option.id == "concerns/heterogeneity"  # best match under the cursor
            await pilot.press("down")  # from the filter box into the list
            assert app.focused is blocks
            await pilot.press("enter")
            await pilot.pause()
            assert [i.block for i in app.session.body] == [blocks.highlighted_option.id]

    asyncio.run(run())


def test_a_refused_form_shows_the_bad_field_and_its_problem(library: Library) -> None:
    """The error line shrinks the scrolling fields; the bad field must still be in view."""

    async def run() -> None:
        app = make_app(None, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            pmid = app.screen.query_one("#article-pmid", Input)
            pmid.focus()
            await pilot.pause()
            await type_text(pilot, "12345x")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.pause()
            scroll = app.screen.query_one("#details-fields").region
            problem = app.screen.query_one("#article-pmid-problem").region
            assert app.focused is pmid
            assert scroll.contains_region(pmid.region) and scroll.contains_region(problem)
            assert "not a PubMed ID" in screen_text(app)

    asyncio.run(run())


def test_the_form_takes_abstract_and_keywords_as_pubmed_shows_them_and_stars_follow_the_design(
    library: Library, tmp_path: Path
) -> None:
    """F2: the keywords line and the abstract pasted from PubMed; the library then ranks for them and
    stars only blocks written for a trial (never the sham block, the abstract naming no sham)."""
    from rebuttal.refs.article import read_article

    bailey = read_article(Path(__file__).parent / "fixtures" / "relevance" / "bailey2020.nbib")
    letter = tmp_path / "letter.toml"
    letter.write_text('[letter]\ntitle = "Letter"\n\n[article]\ntitle = "' + bailey.title + '"\n'
                      'design = "randomized clinical trial"\n\n[[body]]\nblock = "opening/salient-points"\n')

    async def run() -> None:
        app = make_app(letter, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            form = app.screen
            form.query_one("#article-keywords", Input).value = "Keywords: sciatica; diskectomy; sciatica."
            form.query_one("#article-abstract", TextArea).text = "Abstract\n\n" + bailey.abstract + (
                "\n\nCopyright © 2020 Massachusetts Medical Society.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            article = app.session.outline.article
            assert article.keywords == ["sciatica", "diskectomy"]
            assert article.abstract == " ".join(bailey.abstract.split())  # no "Abstract", no copyright
            blocks = app.query_one("#blocks", OptionList)
            rows = {blocks.get_option_at_index(i).id: str(blocks.get_option_at_index(i).prompt)
                    for i in range(blocks.option_count) if blocks.get_option_at_index(i).id}
            starred = {block_id for block_id, row in rows.items() if row.startswith("★")}
            assert "concerns/short-follow-up" in starred and "concerns/sham-comparator" not in starred
            assert all("randomised trial" in library.block(block_id).tags for block_id in starred)
            assert "trial wording" in rows["concerns/sham-comparator"]  # its own wording for a trial
            assert "trial wording" not in rows["concerns/heterogeneity"]

    asyncio.run(run())
