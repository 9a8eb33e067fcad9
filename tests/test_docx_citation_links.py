"""Citation numbers link to their entries in the reference list (as a reference manager's do),
look as before, and ``merge`` still reads them back as citation keys."""

from __future__ import annotations

import copy

import docx
import pytest
from docx.oxml.ns import qn

from rebuttal.exchange.docx.read import read_docx
from rebuttal.exchange.record import parse_bookmark, reference_bookmark
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline

from . import word_edits as edits
from .conftest import TODAY
from .merge_support import EDITOR, by_label, edited_copy, export_example, merged


@pytest.fixture
def letter(tmp_path, builtin_library):
    """A copy of the example outline and its DOCX export."""
    return export_example(tmp_path, builtin_library)


def _links(path) -> list[tuple[str, str]]:
    """(anchor, shown text) of every internal hyperlink of the body."""
    body = docx.Document(str(path)).element.body
    return [
        (link.get(qn("w:anchor")), "".join(t.text or "" for t in link.iter(qn("w:t"))))
        for link in body.iter(qn("w:hyperlink")) if link.get(qn("w:anchor"))
    ]


def test_each_citation_links_to_its_first_entry_and_each_entry_is_bookmarked(letter) -> None:
    _, exported = letter
    links = _links(exported)
    for pair in [("_rb_ref_1", "(1)"), ("_rb_ref_2", "(2,3)"), ("_rb_ref_4", "(4-9)")]:
        assert pair in links
    edited = read_docx(exported)
    entries = [p for p in edited.paragraphs if p.style == "Bibliography"]
    assert [p.bookmarks for p in entries] == [(reference_bookmark(n),) for n in range(1, len(entries) + 1)]
    assert {anchor for anchor, _ in links} <= {reference_bookmark(n) for n in range(1, len(entries) + 1)}
    assert parse_bookmark(reference_bookmark(1)) is None  # never taken for a body item's anchor
    body = docx.Document(str(exported)).element.body
    internal = [link for link in body.iter(qn("w:hyperlink")) if link.get(qn("w:anchor"))]
    assert len(internal) == len(links) == 5  # every citation group of the example
    for link in internal:  # the number looks as before: no link style
        assert link.find(f".//{qn('w:rStyle')}") is None


def test_an_edited_letter_with_the_links_round_trips(letter, builtin_library) -> None:
    outline, exported = letter
    assert not merged(exported, outline, builtin_library).changed

    def change(word) -> None:
        # An editor retypes words beside a linked citation, and copies a linked number elsewhere
        # (as Word does on copy and paste: the hyperlink comes along).
        edits.track_delete(word, "urgently effective", "urgently ", EDITOR)
        paragraph = edits.paragraph_with(word, "heavy toll worldwide")
        source = next(link for link in word.element.body.iter(qn("w:hyperlink"))
                      if link.get(qn("w:anchor")) == "_rb_ref_4")
        edits.replace_text(word, "heavy toll worldwide", "heavy toll worldwide", "heavy toll ")
        paragraph._p.append(copy.deepcopy(source))

    path = edited_copy(exported, change)
    assert _links(path).count(("_rb_ref_4", "(4-9)")) == 2
    report = merged(path, outline, builtin_library)
    document = assemble(builtin_library, load_outline(outline), today=TODAY)
    record = {r.number: r.key for r in document.references}
    text = by_label(report, "evidence/burden-of-chronic-pain").new_text
    assert f"[@{record[2]}; @{record[3]}]" in text  # the linked citation that was there
    assert "how effective management" in text
    cited = "; ".join(f"@{record[n]}" for n in range(4, 10))
    assert f"[{cited}]" in text  # the pasted, linked one
