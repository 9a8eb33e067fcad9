"""``rebuttal merge`` onto an outline that changed after the export (issue 20, items 8 and 7).

The base of the comparison is the outline as exported (kept in the state folder by every
DOCX export); the editors' changes are found against it and merged three ways with the
outline's own changes since.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from rebuttal.cli import main
from rebuttal.exchange.exports import exported_text, exports_folder, keep_exported
from rebuttal.letter.outline import load_outline

from . import word_edits as edits
from .conftest import EXAMPLE

EDITOR = "Jane Editor"


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the example outline, exported by ``rebuttal build``."""
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    docx_path = tmp_path / "letter.docx"
    assert main(["build", str(outline), "-o", str(docx_path)]) == 0
    return outline, docx_path


def _move_on(outline: Path) -> None:
    """The person's own changes after the export: the recipient, and a short variant."""
    text = outline.read_text()
    text = text.replace('recipient = "The Editors, The BMJ"', 'recipient = "Dr Abbasi, Editor, The BMJ"')
    text = text.replace('block = "concerns/heterogeneity"\n',
                        'block = "concerns/heterogeneity"\nvariant = "short"  # said more briefly\n')
    outline.write_text(text)


def _editors(exported: Path, change) -> Path:
    word = docx.Document(str(exported))
    change(word)
    path = exported.with_name("edited.docx")
    word.save(str(path))
    return path


def _one_sentence(word) -> None:
    edits.replace_text(word, "Interventional pain management must keep", "must keep generating",
                       "should keep generating")


def test_every_docx_export_keeps_the_outline_as_exported(exported) -> None:
    outline, _ = exported
    import hashlib

    digest = hashlib.sha256(outline.read_bytes()).hexdigest()
    assert exported_text(digest) == outline.read_text()
    (exports_folder() / f"{digest}.toml").write_text("tampered")
    assert exported_text(digest) is None  # a damaged copy is never a base


def test_both_sides_are_kept_when_the_outline_moved_on(exported, capsys) -> None:
    outline, docx_path = exported
    _move_on(outline)
    edited = _editors(docx_path, _one_sentence)
    assert main(["merge", str(edited), str(outline)]) == 0
    out = capsys.readouterr().out
    assert "compared with it as it is now" not in out
    assert "found against the outline as exported" in out
    assert "concerns/heterogeneity" not in out.split("kept from the outline")[0]  # not the editors' edit
    assert "edited outside the body" not in out
    assert "closing/body-of-evidence: edited" in out
    assert main(["merge", str(edited), str(outline), "--apply"]) == 0
    text = outline.read_text()
    assert 'variant = "short"  # said more briefly' in text
    assert 'recipient = "Dr Abbasi, Editor, The BMJ"' in text
    after = load_outline(outline)
    heterogeneity = next(i for i in after.body if i.block == "concerns/heterogeneity")
    assert heterogeneity.variant == "short" and heterogeneity.text == ""  # no full wording written back
    closing = next(i for i in after.body if i.block == "closing/body-of-evidence")
    assert "should keep generating" in closing.text
    assert text.startswith("# The Pacific Spine and Pain Society's statement")  # comments kept
    # The same edits again onto the result: nothing left to do.
    before = outline.read_bytes()
    assert main(["merge", str(edited), str(outline), "--apply"]) == 0
    assert outline.read_bytes() == before


def test_the_same_field_changed_both_ways_needs_ours_or_theirs(exported, capsys) -> None:
    outline, docx_path = exported
    text = outline.read_text().replace('block = "concerns/grouping-of-diagnoses"\n',
                                       'block = "concerns/grouping-of-diagnoses"\ntitle = "Our own title"\n')
    outline.write_text(text)

    def retitle(word) -> None:
        edits.replace_text(word, "Inappropriate Grouping of Diagnoses", "Inappropriate", "Unsound")

    edited = _editors(docx_path, retitle)
    before = outline.read_bytes()
    assert main(["merge", str(edited), str(outline), "--apply"]) == 1
    out = capsys.readouterr().out
    assert "conflict: body concerns/grouping-of-diagnoses title" in out
    assert "Our own title" in out and "Unsound Grouping of Diagnoses" in out
    assert "not applied" in out and outline.read_bytes() == before
    assert main(["merge", str(edited), str(outline), "--apply", "--theirs"]) == 0
    assert load_outline(outline).body[5].title == "Unsound Grouping of Diagnoses"


def test_ours_keeps_the_outlines_value(exported) -> None:
    outline, docx_path = exported
    block = 'block = "concerns/grouping-of-diagnoses"\n'
    outline.write_text(outline.read_text().replace(block, block + 'title = "Ours"\n'))
    edited = _editors(docx_path, lambda word: edits.replace_text(
        word, "Inappropriate Grouping of Diagnoses", "Inappropriate", "Unsound"))
    assert main(["merge", str(edited), str(outline), "--apply", "--ours"]) == 0
    assert load_outline(outline).body[5].title == "Ours"


def test_the_docx_carries_the_base_to_another_computer(exported, capsys) -> None:
    outline, docx_path = exported
    shutil.rmtree(exports_folder())  # another computer: nothing in its state folder
    _move_on(outline)
    edited = _editors(docx_path, _one_sentence)
    assert main(["merge", str(edited), str(outline), "--apply"]) == 0
    assert "found against the outline as exported" in capsys.readouterr().out
    after = load_outline(outline)
    assert next(i for i in after.body if i.block == "concerns/heterogeneity").variant == "short"


def test_without_any_base_the_merge_says_it_compares_with_the_outline_now(
    exported, builtin_library, capsys
) -> None:
    outline, docx_path = exported
    from rebuttal.exchange.docx.write import write_docx
    from rebuttal.exchange.record import outline_origin
    from rebuttal.letter.assemble import assemble

    shutil.rmtree(exports_folder())
    write_docx(assemble(builtin_library, load_outline(outline)), docx_path, origin=outline_origin(outline))
    _move_on(outline)
    assert main(["merge", str(docx_path), str(outline)]) == 0
    assert "neither this computer nor the DOCX keeps the outline as exported" in capsys.readouterr().out


def test_the_carried_text_is_used_only_when_it_matches_its_hash() -> None:
    from rebuttal.exchange.record import MAX_EMBEDDED, ExportRecord

    text = '[letter]\ntitle = "A"\n'
    import hashlib

    record = ExportRecord(outline_sha256=hashlib.sha256(text.encode()).hexdigest(), outline_text=text)
    back = ExportRecord.from_properties(record.to_properties())
    assert back is not None and back.embedded_outline() == text
    other = ExportRecord.from_properties({**record.to_properties(), "rebuttal.outline_sha256": "0" * 64})
    assert other is not None and other.embedded_outline() is None
    damaged = ExportRecord.from_properties({**record.to_properties(), "rebuttal.outline_text": "!!!"})
    assert damaged is not None and damaged.embedded_outline() is None
    import os

    huge = ExportRecord(outline_sha256="x", outline_text=os.urandom(MAX_EMBEDDED).hex())
    assert not any(name.startswith("rebuttal.outline_text") for name in huge.to_properties())


def test_a_copied_outline_merged_once_is_accepted_again(exported, capsys) -> None:
    # Item 7: a renamed copy holding the outline as exported is accepted; after --apply changed it,
    # it stays the DOCX's outline (it was accepted before, so it is now).
    outline, docx_path = exported
    copy = outline.with_name("copy.toml")
    shutil.copy(outline, copy)
    edited = _editors(docx_path, _one_sentence)
    assert main(["merge", str(edited), str(copy), "--apply"]) == 0
    capsys.readouterr()
    assert main(["merge", str(edited), str(copy)]) == 0
    assert "another outline" not in capsys.readouterr().err
    # A file never merged with this DOCX, under another name and with other words, is still refused.
    stranger = outline.with_name("stranger.toml")
    stranger.write_text(copy.read_text().replace("The Editors, The BMJ", "Someone else"))
    assert main(["merge", str(edited), str(stranger)]) == 2
    assert "was built from another outline (letter.toml)" in capsys.readouterr().err


def test_keeping_is_content_addressed_and_bounded(monkeypatch) -> None:
    from rebuttal.exchange import exports

    monkeypatch.setattr(exports, "KEEP", 3)
    digests = [keep_exported(f"n = {n}\n".encode()) for n in range(5)]
    assert len(list(exports_folder().glob("*.toml"))) == 3
    assert exported_text(digests[-1]) == "n = 4\n"
    assert exported_text("../../etc/passwd") is None


def test_apply_changes_keeps_a_letter_changed_in_memory(exported, builtin_library) -> None:
    # The app compares with its letter in memory (saved or not): the person's own changes since the
    # export stay, whoever calls apply_changes (conflicts keep the letter's value; combine() shows them).
    from rebuttal.exchange.docx.read import read_docx
    from rebuttal.merge.apply import apply_changes
    from rebuttal.merge.combine import combine
    from rebuttal.merge.report import merge_edited

    outline, docx_path = exported
    edited = _editors(docx_path, _one_sentence)
    letter = load_outline(outline)
    letter.body[7].variant = "short"  # concerns/heterogeneity, not saved
    report = merge_edited(read_docx(edited), builtin_library, letter)
    assert report.current is letter
    assert [c.label for c in report.changes if c.changed] == ["closing/body-of-evidence"]
    updated = apply_changes(report)
    assert updated is not None and updated.body[7].variant == "short" and not updated.body[7].text
    assert "should keep generating" in updated.body[13].text
    assert combine(report).conflicts == []
    unchanged = merge_edited(read_docx(edited), builtin_library, load_outline(outline))
    assert unchanged.current is None  # the letter as exported: compared with itself, as before
