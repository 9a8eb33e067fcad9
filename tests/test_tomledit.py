"""Editing a person's TOML file in place: only what changed changes (rebuttal.toml.edit)."""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from pathlib import Path

from rebuttal.letter.outline import BodyItem, load_outline, outline_text, save_outline
from rebuttal.toml.edit import update_toml_text

from .conftest import FIXTURES, ROOT

COMMENTED = FIXTURES / "outlines" / "commented.toml"
OUTLINES = [COMMENTED, *sorted((ROOT / "examples").glob("*.toml"))]


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_unchanged_outline_is_written_byte_for_byte() -> None:
    for path in OUTLINES:
        text = path.read_text()
        assert outline_text(load_outline(path), text) == text, path.name


def test_moving_a_block_down_and_back_up_gives_the_same_file() -> None:
    for path in OUTLINES:
        text = path.read_text()
        outline = load_outline(path)
        outline.body.insert(2, outline.body.pop(1))
        moved = outline_text(outline, text)
        assert moved != text
        assert tomllib.loads(moved)["body"][1] == tomllib.loads(text)["body"][2]
        again = load_outline_text(moved, path)
        again.body.insert(1, again.body.pop(2))
        assert outline_text(again, moved) == text, path.name


def load_outline_text(text: str, path: Path):
    from rebuttal.letter.outline import parse_outline

    return parse_outline(text, path)


def test_a_moved_item_takes_its_own_comments_with_it() -> None:
    text = COMMENTED.read_text()
    outline = load_outline(COMMENTED)
    outline.body.insert(2, outline.body.pop(1))  # alpha after beta
    moved = outline_text(outline, text)
    beta = moved.index("# Second concern.")
    alpha = moved.index("# First concern: keep it first.")
    assert beta < alpha < moved.index("text = ")
    assert 'title = "Our first concern"  # a heading of our own' in moved
    assert moved.startswith("# A letter written by hand")
    assert load_outline_text(moved, COMMENTED).body == outline.body


def test_changing_one_field_changes_one_line() -> None:
    for path in OUTLINES:
        text = path.read_text()
        outline = load_outline(path)
        outline.article.journal = "The Other Journal"
        edited = outline_text(outline, text)
        changed = _changed_lines(text, edited)
        assert len(changed) == 2, (path.name, changed)
        assert changed[1] == "+journal = \"The Other Journal\""


def test_quoting_and_inline_comments_survive_an_edit() -> None:
    text = COMMENTED.read_text()
    outline = load_outline(COMMENTED)
    outline.letter.title = "Concerns about the pooled analyses"
    edited = outline_text(outline, text)
    assert _changed_lines(text, edited) == [
        "-title = 'Concerns about the pooled analysis'   # literal string, single quotes",
        "+title = 'Concerns about the pooled analyses'   # literal string, single quotes",
    ]


def test_a_cleared_field_is_removed_and_a_new_one_added_in_its_table() -> None:
    text = COMMENTED.read_text()
    outline = load_outline(COMMENTED)
    outline.article.doi = ""
    outline.article.pmid = "12345"
    edited = outline_text(outline, text)
    assert _changed_lines(text, edited) == ['-doi = "10.1000/xyz123"', '+pmid = "12345"']
    assert tomllib.loads(edited)["article"]["pmid"] == "12345"


def test_inserted_and_removed_items() -> None:
    text = COMMENTED.read_text()
    outline = load_outline(COMMENTED)
    outline.body.insert(1, BodyItem(block="evidence/gamma"))
    edited = outline_text(outline, text)
    assert _changed_lines(text, edited) == ["+[[body]]", '+block = "evidence/gamma"', "+"]
    outline.body.pop(1)
    outline.body.pop(0)  # the opening goes, with the comment above it
    removed = outline_text(outline, edited)
    assert "# The opening paragraph" not in removed and "opening/hello" not in removed
    assert "# First concern: keep it first." in removed
    assert load_outline_text(removed, COMMENTED).body == outline.body


def test_defaults_the_person_never_set_are_never_written() -> None:
    """A JAMA outline sets no style: saving must not write one (the venue's AMA applies)."""
    path = ROOT / "examples" / "jama-letter-wang-2025.toml"
    outline = load_outline(path)
    assert outline.letter.style == "" and outline.letter.title
    text = outline_text(outline, path.read_text())
    assert "style" not in tomllib.loads(text)["letter"]
    custom = load_outline(COMMENTED)
    assert custom.body[3].kind == "evidence"  # filled in by the model...
    custom.body[3].text = "We also note that the data were not shared."
    edited = outline_text(custom, COMMENTED.read_text())
    assert "kind" not in tomllib.loads(edited)["body"][3]  # ...but never written


def test_new_file_is_written_tidily_and_loads_back(tmp_path: Path) -> None:
    outline = load_outline(COMMENTED)
    target = tmp_path / "new.toml"
    save_outline(outline, target)
    assert load_outline(target).body == outline.body
    assert "style" not in target.read_text()


def test_save_writes_nothing_when_nothing_changed(tmp_path: Path) -> None:
    target = tmp_path / "letter.toml"
    target.write_text(COMMENTED.read_text())
    before = target.stat().st_mtime_ns
    save_outline(load_outline(target), target)
    assert target.stat().st_mtime_ns == before


def test_date_kept_as_written() -> None:
    text = 'title = "x"\n'
    data = {"letter": {"date": dt.date(2025, 3, 10)}}
    original = '[letter]\ndate = "2025-03-10"  # quoted on purpose\n'
    assert update_toml_text(original, data) == original
    assert "[letter]" in update_toml_text(text, data)


def test_import_article_keeps_the_outline_as_written(tmp_path: Path) -> None:
    """The issue's case: import --article on the JAMA letter kept its comments and wrote no style."""
    from rebuttal.cli import main

    original = (ROOT / "examples" / "jama-letter-wang-2025.toml").read_text()
    target = tmp_path / "jama.toml"
    target.write_text(original)
    status = main(["import", str(FIXTURES / "import" / "wang2025.nbib"), "--article", str(target)])
    assert status == 0
    edited = target.read_text()
    assert edited.startswith(original.split("\n[letter]")[0])  # the header comments
    assert "# No style or marker here" in edited
    assert "style" not in tomllib.loads(edited)["letter"]
    article_start = original.index("[article]")
    body_start = original.index("[[body]]")
    assert edited[:article_start] == original[:article_start]
    assert edited.endswith(original[body_start:])
