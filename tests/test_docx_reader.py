"""The DOCX reader: runs through the XML, tracked changes with authors, comments, bookmarks, properties."""

from __future__ import annotations

from pathlib import Path

import docx

from rebuttal.exchange.docx.read import read_docx
from rebuttal.exchange.docx.write import write_docx
from rebuttal.exchange.edited import DELETED, INSERTED, MOVED_FROM, MOVED_TO
from rebuttal.exchange.record import ExportRecord

from . import word_edits as edits


def _export_and_edit(document, tmp_path: Path, change) -> Path:
    exported = tmp_path / "letter.docx"
    write_docx(document, exported, origin=("letter.toml", "cafe"))
    word = docx.Document(str(exported))
    change(word)
    edited = tmp_path / "edited.docx"
    word.save(str(edited))
    return edited


def _paragraph(edited, words: str):
    return next(p for p in edited.paragraphs if words in "".join(r.text for r in p.runs))


def test_tracked_changes_keep_their_authors_and_accepting_gives_the_text(example_document, tmp_path) -> None:
    def change(word) -> None:
        edits.track_delete(word, "markedly heterogeneous", "markedly ", "Ann")
        edits.track_insert(word, "which calls into question", "pooled results", " (I² 80%)", "Bo", bold=True)

    edited = read_docx(_export_and_edit(example_document, tmp_path, change))
    paragraph = _paragraph(edited, "which calls into question")
    assert "The included studies are heterogeneous, which" in paragraph.text
    assert "pooled results (I² 80%)." in paragraph.text
    kinds = {(run.change, run.author, run.text) for run in paragraph.runs if run.change}
    assert kinds == {(DELETED, "Ann", "markedly "), (INSERTED, "Bo", " (I² 80%)")}
    assert next(r for r in paragraph.runs if r.change == INSERTED).bold
    assert [(r.kind, r.author, r.date) for r in edited.revisions] == [
        (DELETED, "Ann", edits.DATE), (INSERTED, "Bo", edits.DATE)
    ]
    assert paragraph.bookmarks == ("rb_7_0_heterogeneity",)


def test_moves_comments_and_properties(example_document, tmp_path) -> None:
    def change(word) -> None:
        edits.move_paragraph(word, "It is especially", "Chronic pain takes", "Ann", keep_anchor=True)
        edits.comment(word, "which calls into question", "pooled results", "Cy", "Source?")

    edited = read_docx(_export_and_edit(example_document, tmp_path, change))
    moved = [p for p in edited.paragraphs if "It is especially troubling" in "".join(r.text for r in p.runs)]
    assert [p.mark_change for p in moved] == [MOVED_TO, MOVED_FROM]
    assert moved[0].text and not moved[1].text and moved[1].removed and not moved[0].removed
    [comment] = edited.comments.values()
    assert (comment.author, comment.anchor, comment.text) == ("Cy", "pooled results", "Source?")
    assert comment.paragraph == _paragraph(edited, "which calls into question").index
    record = ExportRecord.from_properties(edited.properties)
    assert record is not None and record.outline_name == "letter.toml" and record.outline_sha256 == "cafe"
