"""Combining this window's changes with the file changed on disk (app/combine.py, issue 20 item 3):
the three-way merge with the file as this window read it as the base, applied as one undo step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rebuttal.app.combine import changes_on_disk, combine
from rebuttal.app.session import ChangeRefused, Session
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library, load_library

from .conftest import EXAMPLE, TODAY


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, path)
    return path


def _open(builtin_library: Library, letter: Path) -> Session:
    return Session.open(load_library(builtin_library.folders), letter, today=TODAY)


def _their_save(letter: Path, old: str, new: str) -> None:
    text = letter.read_text(encoding="utf-8")
    assert old in text
    letter.write_text(text.replace(old, new, 1) + "# their comment\n", encoding="utf-8")


def test_changes_to_different_fields_and_items_combine(builtin_library: Library, letter: Path) -> None:
    session = _open(builtin_library, letter)
    session.set_letter_field("recipient", "Dear Editors")
    session.toggle_variant(7)  # concerns/heterogeneity: short
    _their_save(letter, 'title = "Statement of Concern"', 'title = "Concern"')
    found = changes_on_disk(session)
    assert found.conflicts == []
    assert found.from_theirs == ["letter.title"]
    combine(session, found)
    assert session.outline.letter.title == "Concern"  # theirs
    assert session.outline.letter.recipient == "Dear Editors"  # mine
    assert session.body[7].variant == "short"
    assert not session.changed_on_disk()  # the file as it is now is the base
    session.save()
    saved = load_outline(letter)
    assert (saved.letter.title, saved.letter.recipient, saved.body[7].variant) == (
        "Concern", "Dear Editors", "short")
    assert "# their comment" in letter.read_text(encoding="utf-8")  # their file edited in place


def test_the_combination_is_one_undo_step(builtin_library: Library, letter: Path) -> None:
    session = _open(builtin_library, letter)
    session.set_letter_field("recipient", "Dear Editors")
    _their_save(letter, 'title = "Statement of Concern"', 'title = "Concern"')
    combine(session, changes_on_disk(session))
    assert session.undo() == "combine with the file on disk"
    assert session.outline.letter.title == "Statement of Concern"
    assert session.outline.letter.recipient == "Dear Editors"  # mine, as before combining
    assert session.dirty


def test_the_same_field_changed_both_ways_is_the_persons_choice(
    builtin_library: Library, letter: Path
) -> None:
    session = _open(builtin_library, letter)
    session.set_letter_field("recipient", "Mine")
    session.set_letter_field("title", "My title")
    _their_save(letter, 'recipient = "The Editors, The BMJ"', 'recipient = "Theirs"')
    found = changes_on_disk(session)
    assert [(c.path, c.mine, c.theirs) for c in found.conflicts] == [
        (("letter", "recipient"), "Mine", "Theirs")]
    combine(session, found, {("letter", "recipient"): "theirs"})
    assert session.outline.letter.recipient == "Theirs"
    assert session.outline.letter.title == "My title"
    found_again = changes_on_disk(session)
    assert found_again.conflicts == []  # nothing new on disk since


def test_a_file_that_no_longer_loads_is_said(builtin_library: Library, letter: Path) -> None:
    session = _open(builtin_library, letter)
    session.set_letter_field("recipient", "Mine")
    letter.write_text("[letter\n", encoding="utf-8")
    with pytest.raises(ChangeRefused, match="does not load"):
        changes_on_disk(session)
