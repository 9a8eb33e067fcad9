"""``rebuttal merge``: an exported letter, edited the way Word records edits, comes back into the outline."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from rebuttal.cli import main
from rebuttal.exchange.docx.read import read_docx
from rebuttal.exchange.docx.write import write_docx
from rebuttal.exchange.record import outline_origin
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library
from rebuttal.merge.apply import apply_changes
from rebuttal.merge.report import describe

from . import word_edits as edits
from .conftest import EXAMPLE, TODAY
from .merge_support import BOARD, EDITOR, by_label, edited_copy, export_example, merged


@pytest.fixture
def letter(tmp_path: Path, builtin_library: Library) -> tuple[Path, Path]:
    """A copy of the example outline and its DOCX export."""
    return export_example(tmp_path, builtin_library)


def test_an_unchanged_export_merges_as_no_change_and_writes_nothing(letter, builtin_library, capsys) -> None:
    outline, exported = letter
    before = outline.read_bytes()
    report = merged(exported, outline, builtin_library)
    assert not report.changed and {c.status for c in report.changes} == {"unchanged"}
    assert len(report.changes) == len(load_outline(outline).body)
    assert apply_changes(report) is None
    assert main(["merge", str(exported), str(outline), "--apply"]) == 0
    assert outline.read_bytes() == before
    assert "no change: 17 unchanged" in capsys.readouterr().out


def test_tracked_insertions_and_deletions_become_the_items_override(letter, builtin_library) -> None:
    outline, exported = letter

    def change(word) -> None:
        edits.track_delete(word, "markedly heterogeneous", "markedly ", EDITOR)
        edits.track_insert(
            word, "which calls into question", "heterogeneous", " in design and populations", EDITOR
        )
        edits.track_insert(word, "Heterogeneity of Studies", "Heterogeneity of", " the Included", BOARD)

    report = merged(edited_copy(exported, change), outline, builtin_library)
    item = by_label(report, "concerns/heterogeneity")
    assert item.status == "edited"
    assert "[-markedly heterogeneous,-] {+heterogeneous in design and populations,+}" in item.diff()
    assert [(r.kind, r.author, r.text) for r in item.revisions] == [
        ("inserted", BOARD, " the Included"),
        ("deleted", EDITOR, "markedly "),
        ("inserted", EDITOR, " in design and populations"),
    ]
    assert item.touches_library_wording
    lines = "\n".join(describe(report))
    assert 'tracked: deleted by Jane Editor: "markedly"' in lines
    assert "changes the wording of library block concerns/heterogeneity" in lines
    updated = apply_changes(report)
    body = {b.block: b for b in updated.body}
    assert body["concerns/heterogeneity"].title == "Heterogeneity of the Included Studies"
    assert body["concerns/heterogeneity"].text.startswith(
        "The included studies are heterogeneous in design and populations, which calls"
    )
    untouched = [b for b in updated.body if b.block != "concerns/heterogeneity"]
    assert all(not b.text and not b.title for b in untouched)


def test_python_docx_paragraph_text_would_lose_the_insertion(letter) -> None:
    """The trap the reader avoids (python-docx #340/#1123)."""
    _, exported = letter
    path = edited_copy(
        exported, lambda word: edits.track_insert(word, "markedly", "heterogeneous", " INSERTED", EDITOR)
    )
    assert " INSERTED" not in edits.paragraph_with(docx.Document(str(path)), "markedly").text
    assert any(" INSERTED" in p.text for p in read_docx(path).paragraphs)


def test_comments_are_reported_and_kept_as_notes(letter, builtin_library) -> None:
    outline, exported = letter
    path = edited_copy(
        exported,
        lambda word: edits.comment(
            word, "markedly heterogeneous", "pooled results", BOARD, "Cite the I² values?"
        ),
    )
    report = merged(path, outline, builtin_library)
    item = by_label(report, "concerns/heterogeneity")
    assert item.status == "unchanged" and report.changed
    assert [(c.author, c.anchor, c.text) for c in item.comments] == [
        (BOARD, "pooled results", "Cite the I² values?")
    ]
    assert 'comment by Board Member on "pooled results": Cite the I² values?' in "\n".join(describe(report))
    updated = apply_changes(report)
    notes = next(b for b in updated.body if b.block == "concerns/heterogeneity").notes
    comment = item.comments[0]
    assert notes == [f"Board Member ({comment.date[:10]}) on \u201cpooled results\u201d: Cite the I² values?"]


@pytest.mark.parametrize("keep_anchor", [True, False], ids=["anchor-moves", "anchor-stays-behind"])
def test_a_moved_paragraph_moves_its_item(letter, builtin_library, keep_anchor: bool) -> None:
    outline, exported = letter
    path = edited_copy(
        exported,
        lambda word: edits.move_paragraph(
            word,
            "It is especially troubling",
            "Chronic pain takes a heavy toll",
            EDITOR,
            keep_anchor=keep_anchor,
        ),
    )
    report = merged(path, outline, builtin_library)
    moved = by_label(report, "evidence/society-guidelines")
    assert moved.status == "moved" and moved.now_after == "transition/interpret-with-caution"
    assert [c.status for c in report.changes if c.label != moved.label] == ["unchanged"] * 16
    assert {r.kind for r in moved.revisions} == {"moved from", "moved to"}
    order = [b.block for b in apply_changes(report).body]
    assert order.index("evidence/society-guidelines") == order.index("evidence/burden-of-chronic-pain") - 1


def test_a_retyped_paragraph_without_anchors_is_found_by_its_words(letter, builtin_library) -> None:
    outline, exported = letter
    retyped = (
        "Nothing in the analysis lets a reader confirm that the procedures studied were performed "
        "correctly. Without procedural imaging or a description of the technique used, there is no "
        "assurance that the reported outcomes reflect best practice rather than suboptimal delivery. "
        "This absence of accountability weakens the validity of the authors' conclusions."
    )
    path = edited_copy(exported, lambda word: edits.retype(word, "Nothing in the analysis allows", retyped))
    assert (
        not read_docx(path)
        .paragraphs[next(i for i, p in enumerate(read_docx(path).paragraphs) if "lets a reader" in p.text)]
        .bookmarks
    )
    report = merged(path, outline, builtin_library)
    item = by_label(report, "concerns/procedural-accountability")
    assert item.status == "edited" and item.new_title is None
    assert [c.status for c in report.changes].count("added") == 0
    updated = apply_changes(report)
    assert next(b for b in updated.body if b.block == item.label).text == retyped


def test_an_added_paragraph_becomes_a_custom_item_in_place(letter, builtin_library) -> None:
    outline, exported = letter
    new = "The Society would welcome the chance to discuss these concerns with the authors."
    path = edited_copy(
        exported, lambda word: edits.add_paragraph_after(word, "keep listening to its members", new, EDITOR)
    )
    report = merged(path, outline, builtin_library)
    added = [c for c in report.changes if c.added]
    assert len(added) == 1 and added[0].after == new
    assert [(r.kind, r.author) for r in added[0].revisions] == [("inserted", EDITOR)]
    body = apply_changes(report).body
    index = next(i for i, b in enumerate(body) if b.text == new)
    assert body[index - 1].block == "closing/continue-to-advocate" and body[index].kind == "evidence"
    assert body[index + 1].block == "signature/on-behalf-of-board"


def test_a_paragraph_added_inside_a_point_stays_in_the_point(letter, builtin_library) -> None:
    outline, exported = letter
    new = "Subgroup analyses by diagnosis were not reported."
    path = edited_copy(
        exported, lambda word: edits.add_paragraph_after(word, "markedly heterogeneous", new, EDITOR)
    )
    report = merged(path, outline, builtin_library)
    assert not any(c.added for c in report.changes)
    item = by_label(report, "concerns/heterogeneity")
    assert item.status == "edited" and item.new_text.endswith("\n\n" + new)


def test_a_deleted_paragraph_removes_its_item(letter, builtin_library) -> None:
    outline, exported = letter
    path = edited_copy(
        exported, lambda word: edits.delete_paragraph(word, "In light of these concerns", EDITOR)
    )
    report = merged(path, outline, builtin_library)
    assert by_label(report, "transition/interpret-with-caution").status == "deleted"
    blocks = [b.block for b in apply_changes(report).body]
    assert "transition/interpret-with-caution" not in blocks and len(blocks) == 16


def test_bold_and_italic_come_back_as_markup_and_placeholders_stay(letter, builtin_library) -> None:
    outline, exported = letter

    def change(word) -> None:
        edits.track_insert(
            word, "are compelled to issue", "statement of concern", " (urgent)", EDITOR, bold=True
        )

    report = merged(edited_copy(exported, change), outline, builtin_library)
    text = by_label(report, "opening/statement-of-concern").new_text
    assert "statement of concern** (urgent)**" in text or "statement of concern **(urgent)**" in text
    # The article's title, journal and authors were placeholders and still are.
    assert "{society.name}" in text and "{article.title}" in text and "[@article]" in text


def test_citation_numbers_become_keys_again(letter, builtin_library) -> None:
    outline, exported = letter
    path = edited_copy(
        exported,
        lambda word: edits.replace_text(
            word, "heavy toll worldwide", "heavy toll worldwide", "heavy toll (4)"
        ),
    )
    report = merged(path, outline, builtin_library)
    text = by_label(report, "evidence/burden-of-chronic-pain").new_text
    record = {
        r.number: r.key for r in assemble(builtin_library, load_outline(outline), today=TODAY).references
    }
    assert f"heavy toll [@{record[4]}]" in text and f"[@{record[2]}; @{record[3]}]" in text


def test_an_unknown_citation_number_is_an_error_naming_the_paragraph(letter, capsys) -> None:
    outline, exported = letter
    before = outline.read_bytes()
    path = edited_copy(
        exported,
        lambda word: edits.replace_text(
            word, "heavy toll worldwide", "heavy toll worldwide", "heavy toll (99)"
        ),
    )
    assert main(["merge", str(path), str(outline), "--apply"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"rebuttal: {path}: paragraph ") and "evidence/burden-of-chronic-pain" in error
    assert "citation number 99 matches no reference" in error and "\n" not in error
    assert outline.read_bytes() == before


def test_apply_writes_the_outline_and_the_rebuilt_letter_merges_as_unchanged(
    letter, builtin_library, capsys
) -> None:
    outline, exported = letter

    def change(word) -> None:
        edits.track_delete(word, "markedly heterogeneous", "markedly ", EDITOR)
        edits.delete_paragraph(word, "In light of these concerns", EDITOR)
        edits.add_paragraph_after(word, "keep listening to its members", "We thank the editors.", EDITOR)

    path = edited_copy(exported, change)
    assert main(["merge", str(path), str(outline), "--apply"]) == 0
    assert "applied:" in capsys.readouterr().out
    updated = load_outline(outline)
    assert len(updated.body) == 17 and updated.body[-2].text == "We thank the editors."
    rebuilt = outline.with_name("rebuilt.docx")
    write_docx(assemble(builtin_library, updated, today=TODAY), rebuilt, origin=outline_origin(outline))
    again = merged(rebuilt, outline, builtin_library)
    assert not again.changed
    after = outline.read_bytes()
    assert main(["merge", str(path), str(outline), "--apply"]) == 0  # the same edits again: nothing to do
    assert outline.read_bytes() == after


def test_propose_writes_a_draft_version_and_never_touches_an_approved_block(
    letter, builtin_library, tmp_path
) -> None:
    outline, exported = letter
    path = edited_copy(
        exported, lambda word: edits.track_delete(word, "markedly heterogeneous", "markedly ", EDITOR)
    )
    drafts = tmp_path / "drafts"
    assert main(["merge", str(path), str(outline), "--propose", str(drafts)]) == 0
    draft = drafts / "concerns" / "heterogeneity.toml"
    text = draft.read_text()
    assert 'version = "1.1"' in text and 'status = "draft"' in text
    assert (
        "edited by: Jane Editor; on: 2025-03-12" in text and "The included studies are heterogeneous" in text
    )
    from rebuttal.library.stack import load_library

    assert load_library([drafts]).block("concerns/heterogeneity").status == "draft"
    approved = tmp_path / "approved"
    shutil.copytree(Path(builtin_library.folders[0]) / "concerns", approved / "concerns")
    before = (approved / "concerns" / "heterogeneity.toml").read_bytes()
    assert main(["merge", str(path), str(outline), "--propose", str(approved)]) == 2
    assert (approved / "concerns" / "heterogeneity.toml").read_bytes() == before


def test_bad_input_is_one_line_exit_2_and_the_outline_untouched(letter, tmp_path, capsys) -> None:
    outline, exported = letter
    before = outline.read_bytes()
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("hello")
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(exported.read_bytes()[:2000])
    protected = tmp_path / "protected.docx"
    protected.write_bytes(edits_ole_header() + b"\0" * 512)
    broken_outline = tmp_path / "broken.toml"
    broken_outline.write_text("[letter\n")
    cases = [
        ([str(not_docx), str(outline)], "not a Word document"),
        ([str(corrupt), str(outline)], "Word document"),
        ([str(protected), str(outline)], "password-protected"),
        ([str(exported), str(broken_outline)], "broken.toml"),
        ([str(tmp_path / "missing.docx"), str(outline)], "missing.docx"),
    ]
    for args, expected in cases:
        assert main(["merge", *args, "--apply"]) == 2, args
        error = capsys.readouterr().err
        assert expected in error and error.count("\n") == 1 and "Traceback" not in error, error
    assert outline.read_bytes() == before


def test_a_docx_from_another_outline_is_refused_unless_forced(
    letter, builtin_library, tmp_path, capsys
) -> None:
    outline, _ = letter
    jama = Path(EXAMPLE).with_name("jama-letter-wang-2025.toml")
    other = tmp_path / "jama.docx"
    write_docx(assemble(builtin_library, load_outline(jama), today=TODAY), other, origin=outline_origin(jama))
    assert main(["merge", str(other), str(outline)]) == 2
    assert "was built from another outline (jama-letter-wang-2025.toml)" in capsys.readouterr().err
    assert main(["merge", str(other), str(outline), "--force"]) == 0
    assert "mapped by text alone" in capsys.readouterr().out


def test_the_superscript_letter_maps_superscript_numbers_back(tmp_path, builtin_library) -> None:
    outline = tmp_path / "jama.toml"
    shutil.copy(Path(EXAMPLE).with_name("jama-letter-wang-2025.toml"), outline)
    exported = tmp_path / "jama.docx"
    write_docx(
        assemble(builtin_library, load_outline(outline), today=TODAY),
        exported,
        origin=outline_origin(outline),
    )
    assert not merged(exported, outline, builtin_library).changed
    path = edited_copy(
        exported, lambda word: edits.track_delete(word, "urgently needed", "urgently ", EDITOR)
    )
    report = merged(path, outline, builtin_library)
    [edited] = [c for c in report.changes if c.edited]
    assert "is needed. [@" in edited.new_text  # AMA: the number follows the period


def edits_ole_header() -> bytes:
    from rebuttal.exchange.docx.read.package import OLE_MAGIC

    return OLE_MAGIC


def test_an_export_with_our_own_block_comments_is_no_change(tmp_path: Path, builtin_library) -> None:
    outline = tmp_path / "psps.toml"
    shutil.copy(EXAMPLE, outline)
    exported = tmp_path / "letter.docx"
    document = assemble(builtin_library, load_outline(outline), today=TODAY)
    write_docx(document, exported, comments=True, origin=outline_origin(outline))
    assert read_docx(exported).comments  # `build --comments` wrote them...
    report = merged(exported, outline, builtin_library)
    assert not report.changed and report.comments == []  # ...and they are not the editors'


def test_edits_outside_the_body_are_reported_not_merged(letter, builtin_library) -> None:
    outline, exported = letter
    path = edited_copy(
        exported, lambda word: edits.replace_text(word, "Statement of Concern", "Statement", "Open Letter")
    )
    report = merged(path, outline, builtin_library)
    assert not report.changed
    assert any("(Title, 'Open Letter of Concern') was edited outside the body" in n for n in report.notes)
