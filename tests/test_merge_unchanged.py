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
from rebuttal import __version__
from rebuttal.cli import main
from rebuttal.merge.unchanged import unchanged_items

from .conftest import EXAMPLE, ROOT
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


def _rewritten(exported: Path, change) -> Path:
    """The export with its parts passed through ``change(parts)`` (a dict it may alter), zipped again."""
    with zipfile.ZipFile(exported) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    change(parts)
    changed = exported.with_name("changed.docx")
    with zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return changed


def _tracked_insertion(parts: dict[str, bytes]) -> None:
    old = b"markedly heterogeneous"
    document = parts["word/document.xml"]
    run_end = document.index(b"</w:r>", document.index(old)) + len(b"</w:r>")  # after the sentence's run
    inserted = (b'<w:ins w:id="900" w:author="Editor" w:date="2026-01-01T00:00:00Z"><w:r><w:t xml:space='
                b'"preserve"> (and small)</w:t></w:r></w:ins>')
    parts["word/document.xml"] = document[:run_end] + inserted + document[run_end:]


def _comment_added(parts: dict[str, bytes]) -> None:
    parts["word/comments.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.'
        b'openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Editor"><w:p><w:r>'
        b"<w:t>Cite the trial?</w:t></w:r></w:p></w:comment></w:comments>"
    )


def _record_of_another_version(parts: dict[str, bytes]) -> None:
    custom = parts["docProps/custom.xml"]
    version = __version__.encode()
    assert custom.count(b">" + version + b"<") == 1
    parts["docProps/custom.xml"] = custom.replace(b">" + version + b"<", b">0.0.1<")


def _record_damaged(parts: dict[str, bytes]) -> None:
    parts["docProps/custom.xml"] = parts["docProps/custom.xml"][:-20]


def _record_removed(parts: dict[str, bytes]) -> None:
    del parts["docProps/custom.xml"]


def _style_changed(parts: dict[str, bytes]) -> None:
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", b"<!-- x --></w:styles>")


@pytest.mark.parametrize(
    "change",
    [_tracked_insertion, _comment_added, _record_of_another_version, _record_damaged, _record_removed,
     _style_changed],
    ids=lambda change: change.__name__.strip("_"),
)
def test_any_other_change_takes_the_full_path(tmp_path, capsys, monkeypatch, change) -> None:
    outline, exported = _export(tmp_path)
    changed = _rewritten(exported, change)
    assert unchanged_items(changed, outline) is None
    status, out = _merge(capsys, str(changed), str(outline))
    full = _merge(capsys, str(changed), str(outline), full=True, monkeypatch=monkeypatch)
    assert (status, out) == full
    if change is _tracked_insertion:
        assert "(and small)" in out and "Editor" in out


def test_the_same_parts_zipped_again_are_still_unchanged(tmp_path, capsys) -> None:
    outline, exported = _export(tmp_path)
    again = _rewritten(exported, lambda parts: None)  # another zip, every part byte for byte as written
    assert again.read_bytes() != exported.read_bytes()
    assert unchanged_items(again, outline) is not None


def test_an_export_from_another_computer_takes_the_full_path(tmp_path, capsys) -> None:
    outline, exported = _export(tmp_path)
    from rebuttal.exchange.exports import exports_folder

    shutil.rmtree(exports_folder())  # another computer's export: this state folder never saw it
    assert unchanged_items(exported, outline) is None
    status, out = _merge(capsys, str(exported), str(outline))
    assert status == 0 and "no change: " in out  # as the full path finds it


def test_merge_before_the_command_line_is_parsed_loads_little(tmp_path: Path) -> None:
    """`rebuttal merge EDITED OUTLINE` of an unchanged export is answered before argparse, without
    the modules whose import costs more than the whole answer (bench/bench_startup.py times it)."""
    outline = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, outline)
    _modules_after(["build", outline.name, "-o", "letter.docx"], tmp_path)
    loaded = _modules_after(["merge", "letter.docx", outline.name], tmp_path)
    assert "unchanged" in loaded
    heavy = {"argparse", "pathlib", "zipfile", "_hashlib", "platformdirs", "xml.etree.ElementTree",
             "typing", "tomllib", "rebuttal.commands.merge"}
    assert not heavy & loaded


@pytest.mark.parametrize(
    "names",
    [("./letter.docx", "OUTLINE"), ("letter.docx", "./OUTLINE"), ("sub//letter.docx", "OUTLINE"),
     ("letter.docx", "OUTLINE")],
)
def test_file_names_are_reported_as_the_full_path_reports_them(tmp_path, capsys, monkeypatch, names) -> None:
    monkeypatch.chdir(tmp_path)
    outline, exported = _export(tmp_path)
    (tmp_path / "sub").mkdir()
    shutil.copy(exported, tmp_path / "sub" / "letter.docx")
    names = tuple(name.replace("OUTLINE", outline.name) for name in names)
    fast = _merge(capsys, *names)
    assert fast == _merge(capsys, *names, full=True, monkeypatch=monkeypatch)
    assert fast[0] == 0 and fast[1].startswith(f"{Path(names[0])}: merged against {Path(names[1])}\n")


def test_swapped_arguments_are_still_named(tmp_path, capsys) -> None:
    outline, exported = _export(tmp_path)
    capsys.readouterr()
    assert main(["merge", str(outline), str(exported)]) == 2
    assert "the arguments are swapped" in capsys.readouterr().err


def test_ctrl_c_during_the_shortcut_exits_as_interrupted(tmp_path, monkeypatch) -> None:
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(unchanged, "unchanged_items", interrupted)
    assert main(["merge", str(tmp_path / "letter.docx"), str(tmp_path / "letter.toml")]) == 130


@pytest.mark.parametrize("form", ["short", "with --library"])
def test_a_changed_export_is_read_for_the_shortcut_once(tmp_path, capsys, monkeypatch, form) -> None:
    """Before argparse or in the command, the shortcut reads the package once; then the full merge."""
    monkeypatch.chdir(tmp_path)
    outline, exported = _export(tmp_path, EXAMPLE)
    edited = _one_word_changed(exported)
    calls = []
    read = unchanged.unchanged_items
    monkeypatch.setattr(unchanged, "unchanged_items", lambda *a, **k: calls.append(a) or read(*a, **k))
    extra = ["--library", str(ROOT / "blocks")] if form != "short" else []
    status, out = _merge(capsys, *extra, edited.name, outline.name)
    assert status == 0 and "strikingly" in out
    assert len(calls) == 1
