"""``merge`` of an export nobody changed: recognised without python-docx, the same report as the full path.

Anything else (one word changed, a LibreOffice re-save, the outline or the library changed since the
export, an undated letter) takes the full path, which reads the letter with python-docx.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

import rebuttal.merge.unchanged as unchanged
from rebuttal.cli import main
from rebuttal.merge.unchanged import unchanged_items

from .conftest import EXAMPLE
from .test_architecture import _modules_after
from .test_merge_libreoffice import resaved

EXAMPLES = [EXAMPLE, EXAMPLE.with_name("jama-letter-wang-2025.toml")]


def _export(folder: Path, example: Path = EXAMPLE) -> tuple[Path, Path]:
    """A copy of ``example`` and its export by the CLI (which keeps the outline as exported)."""
    outline = folder / example.name
    shutil.copy(example, outline)
    exported = folder / "letter.docx"
    assert main(["build", str(outline), "-o", str(exported)]) == 0
    return outline, exported


def _merge(capsys, *args: str, full: bool = False, monkeypatch=None) -> tuple[int, str]:
    if full:
        monkeypatch.setattr(unchanged, "unchanged_items", lambda *a, **k: None)
    capsys.readouterr()
    status = main(["merge", *args])
    if full:
        monkeypatch.undo()
    return status, capsys.readouterr().out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_unchanged_export_gives_the_full_paths_report(tmp_path, capsys, monkeypatch, example) -> None:
    monkeypatch.chdir(tmp_path)
    outline, exported = _export(tmp_path, example)
    before = outline.read_bytes()
    names = (exported.name, outline.name)  # relative, as typed: the report repeats them as given
    assert unchanged_items(Path(names[0]), Path(names[1])) is not None
    fast = _merge(capsys, *names)
    full = _merge(capsys, *names, full=True, monkeypatch=monkeypatch)
    assert fast == full
    assert fast[0] == 0 and "no change: " in fast[1]
    assert outline.read_bytes() == before


def test_unchanged_export_never_imports_python_docx(tmp_path: Path) -> None:
    outline = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, outline)
    exported = tmp_path / "letter.docx"
    _modules_after(["build", str(outline), "-o", str(exported)], tmp_path)
    loaded = _modules_after(["merge", str(exported), str(outline)], tmp_path)
    assert "no" in loaded and "unchanged" in loaded  # the report ("no change: 17 unchanged")
    assert not {m for m in loaded if m.split(".")[0] in ("docx", "lxml", "textual")}
    assert "rebuttal.exchange.docx.read" not in loaded and "rebuttal.merge.report" not in loaded


def _one_word_changed(exported: Path) -> Path:
    """The export with one word of the body replaced, every other byte of every part as written."""
    changed = exported.with_name("edited.docx")
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                assert data.count(b"markedly heterogeneous") == 1
                data = data.replace(b"markedly heterogeneous", b"strikingly heterogeneous")
            target.writestr(info, data)
    return changed


def test_one_changed_word_takes_the_full_path(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    outline, exported = _export(tmp_path)
    edited = _one_word_changed(exported)
    assert unchanged_items(edited, outline) is None
    status, out = _merge(capsys, str(edited), str(outline))
    assert status == 0
    assert "[-markedly-] {+strikingly+}" in out and "changes: " in out


def test_a_libreoffice_resave_takes_the_full_path(tmp_path, capsys, monkeypatch) -> None:
    outline, exported = _export(tmp_path)
    again = resaved(exported)
    assert unchanged_items(again, outline) is None
    status, out = _merge(capsys, str(again), str(outline))
    assert status == 0 and "no change: " in out  # the full path maps it (test_merge_libreoffice.py)


def test_what_the_full_path_also_reads_changed_since_the_export(tmp_path, monkeypatch) -> None:
    outline, exported = _export(tmp_path)
    assert unchanged_items(exported, outline) is not None
    # A library folder with a file newer than the export: its blocks may word the letter otherwise now.
    library = tmp_path / "library"
    (library / "concerns").mkdir(parents=True)
    block = library / "concerns" / "note.toml"
    block.write_text("# newer than the export\n")
    from rebuttal.exchange.exports import exports_folder
    from rebuttal.exchange.record_values import content_digest
    from rebuttal.files.guarded_zip import read_zip

    noted = next((exports_folder() / "content").glob(content_digest(read_zip(exported)) + ".*"))
    now = os.stat(noted).st_mtime
    os.utime(noted, (now - 100, now - 100))  # exported 100 s ago, the library changed 50 s ago
    os.utime(block, (now - 50, now - 50))
    assert unchanged_items(exported, outline, [library]) is None
    # Exported again with that library, to the same letter: trusted again.
    assert main(["build", str(outline), "-o", str(exported), "--library", str(library)]) == 0
    assert unchanged_items(exported, outline, [library]) is not None
    # The outline changed since the export (a comment only: still not the outline exported).
    outline.write_text(outline.read_text() + "\n# a note\n")
    assert unchanged_items(exported, outline) is None


def test_an_undated_letter_takes_the_full_path(tmp_path) -> None:
    outline = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text()
    assert "\ndate = 2025-03-10\n" in text
    outline.write_text(text.replace("\ndate = 2025-03-10\n", "\n", 1))  # dated the day it is built
    exported = tmp_path / "letter.docx"
    assert main(["build", str(outline), "-o", str(exported)]) == 0
    assert unchanged_items(exported, outline) is None
