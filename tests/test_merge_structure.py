"""``rebuttal merge`` when editors change the letter's shape: split, joined, added or retyped paragraphs."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.read import read_docx
from rebuttal.exchange.docx.write import write_docx
from rebuttal.exchange.record import outline_origin
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library
from rebuttal.merge.apply import apply_changes
from rebuttal.merge.report import describe
from rebuttal.text.citations import CitationMarker

from . import word_edits as edits
from .conftest import EXAMPLE, TODAY
from .merge_support import BOARD, EDITOR, by_label, edited_copy, export_example, merged


@pytest.fixture
def letter(tmp_path: Path, builtin_library: Library) -> tuple[Path, Path]:
    """A copy of the example outline and its DOCX export."""
    return export_example(tmp_path, builtin_library)


def test_a_paragraph_split_in_two_stays_with_its_item(letter, builtin_library) -> None:
    outline, exported = letter

    def split(word) -> None:
        paragraph = edits.paragraph_with(word, "markedly heterogeneous")._p
        second = edits.isolate(edits.paragraph_with(word, "markedly heterogeneous"), "Differences in study")
        new = copy.deepcopy(paragraph)
        for child in list(new):
            if child.tag != qn("w:pPr"):
                new.remove(child)
        # Enter before "Differences": the rest of the paragraph, and the bookmark's end, move on.
        for element in [second, *second.itersiblings()]:
            new.append(element)
        paragraph.addnext(new)

    report = merged(edited_copy(exported, split), outline, builtin_library)
    item = by_label(report, "concerns/heterogeneity")
    assert item.status == "edited" and not any(c.added for c in report.changes)
    assert item.new_text.count("\n\n") == 1 and "\n\nDifferences in study design" in item.new_text


def test_paragraphs_inside_a_block_level_content_control_are_read(letter) -> None:
    _, exported = letter

    def wrap(word) -> None:
        paragraph = edits.paragraph_with(word, "markedly heterogeneous")._p
        control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        control.append(content)
        paragraph.addprevious(control)
        content.append(paragraph)

    paragraphs = read_docx(edited_copy(exported, wrap)).paragraphs
    assert any("markedly heterogeneous" in p.text and p.bookmarks for p in paragraphs)


def test_tracked_changes_and_comments_outside_the_body_are_still_listed(letter, builtin_library) -> None:
    outline, exported = letter

    def change(word) -> None:
        edits.track_insert(word, "The Editors, The BMJ", "The Editors", " and Reviewers", EDITOR)
        edits.comment(word, "Statement of Concern", "Statement", BOARD, "Call it a letter?")

    lines = "\n".join(describe(merged(edited_copy(exported, change), outline, builtin_library)))
    assert 'tracked outside the body: inserted by Jane Editor: "and Reviewers"' in lines
    assert "comment outside the body by Board Member: Call it a letter?" in lines


def test_force_maps_a_retyped_letter_by_its_words_alone(letter, builtin_library, example_document) -> None:
    """A letter typed again elsewhere (no anchors, no record, headings in bold) is the same letter."""
    outline, _ = letter
    word = docx.Document()
    document = example_document
    for line in (document.letterhead.name, document.date, document.recipient, document.title):
        word.add_paragraph(line)
    for point_or_paragraph in document.body:
        for point in getattr(point_or_paragraph, "points", ()):
            word.add_paragraph().add_run("".join(s.text for s in point.heading)).bold = True
            for paragraph in point.paragraphs:
                _typed(word, paragraph)
        if not hasattr(point_or_paragraph, "points"):
            _typed(word, point_or_paragraph)
    for reference in document.references:
        word.add_paragraph(reference.plain())
    path = outline.with_name("retyped.docx")
    word.save(str(path))
    with pytest.raises(RebuttalError, match="was not exported by rebuttal"):
        merged(path, outline, builtin_library)
    report = merged(path, outline, builtin_library, force=True)
    assert not report.changed, [(c.label, c.status) for c in report.changes if c.changed]


def _typed(word, paragraph) -> None:
    """A paragraph typed in another word processor: its words, emphasis and citation numbers."""
    typed = word.add_paragraph()
    for inline in paragraph.inlines:
        if hasattr(inline, "numbers"):
            typed.add_run(CitationMarker().printed(inline.numbers).text)
        else:
            run = typed.add_run(inline.text)
            run.bold, run.italic = inline.bold or None, inline.italic or None


def test_a_new_point_written_by_the_editors_becomes_a_custom_concern(letter, builtin_library) -> None:
    outline, exported = letter

    def change(word) -> None:
        # Typed after point 4's text: a heading in the Point Heading style, then its text.
        edits.add_paragraph_after(word, "markedly heterogeneous", "Outcome Reporting", EDITOR)
        edits.add_paragraph_after(word, "Outcome Reporting", "Pain scores alone were reported.", EDITOR)
        heading = edits.paragraph_with(word, "Outcome Reporting")
        heading.style = word.styles["Point Heading"]

    report = merged(edited_copy(exported, change), outline, builtin_library)
    [added] = [c for c in report.changes if c.added]
    assert (added.label, added.kind, added.new_title, added.new_text) == (
        "new point",
        "concern",
        "Outcome Reporting",
        "Pain scores alone were reported.",
    )
    assert by_label(report, "concerns/heterogeneity").status == "unchanged"
    updated = apply_changes(report)
    document = assemble(builtin_library, updated, today=TODAY)
    assert [p.number for p in document.points] == [1, 2, 3, 4, 5]
    assert "".join(s.text for s in document.points[4].heading) == "Outcome Reporting"


def test_a_deleted_paragraph_mark_joins_two_paragraphs(letter, builtin_library) -> None:
    outline, exported = letter

    def change(word) -> None:
        edits.track_insert(word, "markedly heterogeneous", "can be stated.", " ", EDITOR)
        edits.delete_paragraph_mark(word, "markedly heterogeneous", EDITOR)

    report = merged(edited_copy(exported, change), outline, builtin_library)
    joined = by_label(report, "concerns/heterogeneity")
    assert joined.status == "edited"
    assert "can be stated. In light of these concerns, the conclusions" in joined.new_text
    assert "\n" not in joined.new_text
    assert by_label(report, "transition/interpret-with-caution").status == "deleted"


def test_apply_changes_only_the_merged_items_lines_in_the_outline(letter) -> None:
    outline, exported = letter
    before = outline.read_text().splitlines()
    path = edited_copy(
        exported, lambda word: edits.track_delete(word, "markedly heterogeneous", "markedly ", EDITOR)
    )
    assert main(["merge", str(path), str(outline), "--apply"]) == 0
    after = outline.read_text().splitlines()
    assert [line for line in before if line not in after] == []  # comments and layout kept
    [added] = [line for line in after if line not in before]
    assert added.startswith('text = "The included studies are heterogeneous, which calls into question')
    assert after.index(added) == after.index('block = "concerns/heterogeneity"') + 1


def test_a_trial_letter_merges_against_and_proposes_the_trial_wording(
    tmp_path: Path, builtin_library: Library, capsys
) -> None:
    """A letter about a trial takes [wording.trial]; merge compares with it and --propose changes it."""
    from rebuttal.library.stack import load_library

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'design = "network meta-analysis"', 'design = "randomised trial"')
    example = tmp_path / "source" / "trial-letter.toml"
    example.parent.mkdir()
    example.write_text(text, encoding="utf-8")
    (tmp_path / "out").mkdir()
    outline, exported = export_example(tmp_path / "out", builtin_library, example)
    outline_data = load_outline(outline)
    outline_data.body.insert(4, copy.deepcopy(outline_data.body[4]))
    outline_data.body[4].block = "concerns/short-follow-up"
    from rebuttal.letter.outline import save_outline

    save_outline(outline_data, outline)
    write_docx(assemble(builtin_library, load_outline(outline), today=TODAY), exported,
               origin=outline_origin(outline))
    assert not merged(exported, outline, builtin_library).changed  # compared with the trial wording
    path = edited_copy(exported, lambda word: edits.track_delete(
        word, "assessed its main outcome", "only ", EDITOR))
    drafts = tmp_path / "drafts"
    assert main(["merge", str(path), str(outline), "--propose", str(drafts)]) == 0
    draft = load_library([drafts]).block("concerns/short-follow-up")
    library_block = builtin_library.block("concerns/short-follow-up")
    assert draft.text == library_block.text  # the main (review) wording is not the one edited
    trial = draft.wording_for("randomised trial")
    assert trial.family == "trial" and "assessed its main outcome after weeks" in " ".join(trial.text.split())
