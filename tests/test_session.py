"""The editing session without a UI: changes, undo/redo, refusals, save, export, new blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from rebuttal.app.autosave import (
    autosave_path,
    discard_autosave,
    discard_recovery,
    find_recovery,
    write_autosave,
)
from rebuttal.app.presence import close_window, open_window
from rebuttal.app.session import ChangeRefused, Session
from rebuttal.app.undo import History
from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import load_outline
from rebuttal.library.new_block import NewBlock, write_user_block
from rebuttal.library.stack import Library, load_library, user_library_folder
from rebuttal.refs.article import Article

from .conftest import EXAMPLE, TODAY


@pytest.fixture
def session(builtin_library: Library) -> Session:
    """A fresh session over a copy of the built-in library."""
    return Session(load_library(builtin_library.folders), today=TODAY)


def _ids(session: Session) -> list[str]:
    return [item.block for item in session.body]


def test_history_undo_redo_round_trip() -> None:
    history: History[list[int]] = History()
    state = [1]
    history.record(state, "append 2")
    state = [1, 2]
    undone = history.undo(state)
    assert undone is not None and undone.state == [1] and undone.label == "append 2"
    redone = history.redo(undone.state)
    assert redone is not None and redone.state == [1, 2]
    assert history.redo([1, 2]) is None


def test_history_forgets_redo_after_a_new_change() -> None:
    history: History[int] = History()
    history.record(1, "a")
    history.undo(2)
    history.record(1, "b")
    assert not history.can_redo


def test_add_move_remove_duplicate_and_numbering(session: Session) -> None:
    for block_id in ("opening/statement-of-concern", "concerns/heterogeneity", "concerns/author-expertise"):
        session.add_block(block_id)
    assert session.document is not None
    first_points = [p.source.block_id for p in session.document.points]
    assert first_points == ["concerns/heterogeneity", "concerns/author-expertise"]
    assert session.move(2, -1) == 1
    assert [p.source.block_id for p in session.document.points] == first_points[::-1]
    assert [p.number for p in session.document.points] == [1, 2]
    assert session.duplicate(0) == 1
    assert _ids(session)[:2] == ["opening/statement-of-concern"] * 2
    session.remove(1)
    expected = ["opening/statement-of-concern", "concerns/author-expertise", "concerns/heterogeneity"]
    assert _ids(session) == expected
    assert session.dirty


def test_every_change_undoes_and_redoes(session: Session) -> None:
    session.add_block("concerns/heterogeneity")
    session.add_block("concerns/author-expertise")
    session.move(1, -1)
    session.toggle_variant(1)
    assert session.body[1].variant == "short"
    assert session.undo() is not None
    assert session.body[1].variant == "full"
    assert session.undo() is not None
    assert _ids(session) == ["concerns/heterogeneity", "concerns/author-expertise"]
    session.redo()
    assert _ids(session) == ["concerns/author-expertise", "concerns/heterogeneity"]
    while session.undo():
        pass
    assert session.body == []


def test_edit_keeps_the_library_block_and_bad_citations_are_refused(session: Session) -> None:
    session.add_block("concerns/heterogeneity")
    original = session.library.block("concerns/heterogeneity").text
    session.edit_item(0, "Our own words [@article].", title="Our heading")
    assert session.body[0].text == "Our own words [@article]."
    assert session.body[0].title == "Our heading"
    assert session.library.block("concerns/heterogeneity").text == original
    with pytest.raises(ChangeRefused, match="no-such-key"):
        session.edit_item(0, "Unknown [@no-such-key].")
    assert session.body[0].text == "Our own words [@article]."
    session.edit_item(0, original, title="Heterogeneity of the pooled trials")
    assert session.body[0].text == ""  # back to the approved wording: override dropped


def test_variant_needs_a_short_text(session: Session) -> None:
    no_short = next(b for b in session.library.blocks.values() if not b.short)
    session.add_block(no_short.id)
    with pytest.raises(ChangeRefused, match="no short variant"):
        session.toggle_variant(0)


def test_status_counts_words_references_and_unresolved(session: Session) -> None:
    session.add_block("opening/statement-of-concern")
    status = session.status()
    assert status.words == session.document.word_count() > 0
    assert "article.title" in status.unresolved
    article = Article(title="A network meta-analysis", authors=["Wang, X"], journal="BMJ", date="2025")
    session.update_details(session.outline.letter, session.outline.society, article)
    assert "article.title" not in session.status().unresolved
    assert session.status().references == len(session.document.references)


def test_save_then_batch_build_gives_the_same_letter(session: Session, tmp_path: Path) -> None:
    session.set_society("psps")
    session.set_letter_field("date", "2025-03-10")
    for block_id in ("opening/statement-of-concern", "concerns/heterogeneity", "closing/body-of-evidence"):
        session.add_block(block_id)
    session.edit_item(1, "Heterogeneity again [@article].")
    outline_path = session.save(tmp_path / "letter.toml")
    assert not session.dirty and load_outline(outline_path).body == session.body
    session.export(tmp_path / "app.md", "md")
    assert main(["build", str(outline_path), "-o", str(tmp_path / "batch.md")]) == 0
    assert (tmp_path / "app.md").read_text() == (tmp_path / "batch.md").read_text()


@pytest.mark.parametrize("target", ["new", "existing"])
def test_save_as_keeps_the_letters_comments_and_layout(builtin_library: Library, tmp_path: Path,
                                                       target: str) -> None:
    """Save as writes this letter under another name as Save would: only the change differs."""
    letter = tmp_path / "letter.toml"
    letter.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    opened = Session.open(builtin_library, letter, today=TODAY)
    moved = opened.body[4].block
    opened.move(4, 1)
    other = tmp_path / "copy.toml"
    if target == "existing":  # a file of something else, replaced as the person chose
        other.write_text("# another letter\n[letter]\ntitle = \"Other\"\n", encoding="utf-8")
    opened.save(other)
    before, after = letter.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    assert after.startswith("# The Pacific Spine") and "another letter" not in after
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [(f'block = "{moved}"', f'block = "{opened.body[4].block}"'),
                       (f'block = "{opened.body[4].block}"', f'block = "{moved}"')]
    assert opened.path == other and not opened.dirty


def test_save_without_a_file_asks_for_one(session: Session) -> None:
    with pytest.raises(ChangeRefused, match="choose where"):
        session.save()


def test_open_missing_file_starts_empty(builtin_library: Library, tmp_path: Path) -> None:
    opened = Session.open(builtin_library, tmp_path / "new.toml", today=TODAY)
    assert opened.body == [] and opened.path == tmp_path / "new.toml" and not opened.error


def test_preview_block_fills_placeholders(builtin_library: Library) -> None:
    opened = Session.open(builtin_library, EXAMPLE, today=TODAY)
    document = opened.preview_block(builtin_library.block("opening/statement-of-concern"))
    text = " ".join(p.plain() for p in document.paragraphs())
    assert "Wang" in text and "{article" not in text


def test_autosave_round_trip_and_stale_copies(builtin_library: Library, tmp_path: Path) -> None:
    letter = tmp_path / "letter.toml"
    opened = Session.open(builtin_library, letter, today=TODAY)
    opened.add_block("concerns/heterogeneity")
    window = open_window()
    write_autosave(opened.outline, letter, window)
    assert find_recovery(letter) is None  # its window is open: not a crash
    close_window(window)  # the window ended without a clean quit (nor a save)
    recovery = find_recovery(letter)
    assert recovery is not None and recovery.outline.body == opened.body
    opened.save()
    assert find_recovery(letter) is None  # identical to the saved file: stale, removed
    assert not autosave_path(letter, window).exists()
    window = open_window()
    write_autosave(opened.outline, None, window)
    assert find_recovery(None) is None
    close_window(window)
    recovery = find_recovery(None)
    assert recovery is not None
    discard_recovery(recovery)
    assert find_recovery(None) is None
    window = open_window()
    write_autosave(opened.outline, None, window)
    discard_autosave(None, window)  # a clean quit
    assert not autosave_path(None, window).exists()


def test_new_block_goes_to_the_user_library_and_builds(session: Session, tmp_path: Path) -> None:
    new = NewBlock(
        "concerns/sample-size", "concern", "Small samples", "The trials were small [@article].", ("methods",)
    )
    block = write_user_block(session.library, new)
    assert block.path == user_library_folder() / "concerns" / "sample-size.toml"
    session.add_block("concerns/sample-size")
    session.set_letter_field("date", "2025-03-10")
    path = session.save(tmp_path / "letter.toml")
    assert main(["build", str(path), "-o", str(tmp_path / "out.txt")]) == 0
    assert "The trials were small" in (tmp_path / "out.txt").read_text()
    with pytest.raises(Exception, match="already has"):
        write_user_block(session.library, new)


def test_article_read_from_a_reference_file(tmp_path: Path) -> None:
    from rebuttal.refs.article import read_article

    source = tmp_path / "wang.json"
    source.write_text(
        '[{"id": "wang", "type": "article-journal", "title": "A trial", "container-title": "BMJ",'
        ' "author": [{"family": "Wang", "given": "X"}, {"literal": "GRADE Group"}],'
        ' "issued": {"date-parts": [[2025, 2, 9]]}, "page": "e1", "DOI": "10.1136/x.1", "PMID": "123"}]'
    )
    article = read_article(source)
    assert article.authors == ["Wang, X", "GRADE Group"]
    found = (article.date, article.pages, article.doi, article.pmid)
    assert found == ("2025-02-09", "e1", "10.1136/x.1", "123")
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    with pytest.raises(RebuttalError):
        read_article(empty)


def test_a_venue_with_its_own_style_builds_the_same_in_batch(session: Session, tmp_path: Path) -> None:
    session.set_society("psps")
    session.set_letter_field("date", "2025-03-10")
    session.set_letter_field("venue", "bmj-rapid-response")
    blocks = ("opening/statement-of-concern", "concerns/heterogeneity", "evidence/burden-of-chronic-pain")
    for block_id in blocks:
        session.add_block(block_id)
    status = session.status()
    assert status.word_limit == 600 and status.words == session.document.word_count()
    path = session.save(tmp_path / "letter.toml")
    session.export(tmp_path / "app.md", "md")
    assert main(["build", str(path), "-o", str(tmp_path / "batch.md")]) == 0
    assert (tmp_path / "app.md").read_text() == (tmp_path / "batch.md").read_text()
