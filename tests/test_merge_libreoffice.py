"""The round trip through a real word processor: LibreOffice re-saves the export, the merge still maps it.

Runs when ``soffice`` is installed; under CI (``CI`` set) a missing LibreOffice is a
failure, not a silent skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.merge.apply import apply_changes

from . import word_edits as edits
from .conftest import EXAMPLE
from .merge_support import EDITOR, edited_copy, export_example, merged


def _require_soffice() -> None:
    if shutil.which("soffice") is not None:
        return
    if os.environ.get("CI"):
        pytest.fail("CI must run the LibreOffice round trip but soffice is missing")
    pytest.skip("soffice not installed")


@pytest.fixture
def letter(tmp_path: Path, builtin_library) -> tuple[Path, Path]:
    """A copy of the example outline and its DOCX export."""
    return export_example(tmp_path, builtin_library)


def resaved(path: Path) -> Path:
    """``path`` opened and saved again as DOCX by LibreOffice (into another folder)."""
    _require_soffice()
    folder = path.parent / "libreoffice"
    folder.mkdir(exist_ok=True)
    profile = (path.parent / "profile").as_uri()  # a private profile: no other soffice captures the job
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = folder / path.name
    assert result.is_file() and result.read_bytes() != path.read_bytes()
    return result


@pytest.mark.parametrize(
    "example", [EXAMPLE, EXAMPLE.with_name("jama-letter-wang-2025.toml")], ids=lambda p: p.stem
)
def test_an_export_resaved_by_libreoffice_is_no_change(tmp_path, builtin_library, capsys, example) -> None:
    outline, exported = export_example(tmp_path, builtin_library, example)
    before = outline.read_bytes()
    again = resaved(exported)
    report = merged(again, outline, builtin_library)
    assert not report.changed, [c.status for c in report.changes]
    assert main(["merge", str(again), str(outline), "--apply"]) == 0
    assert "no change" in capsys.readouterr().out
    assert outline.read_bytes() == before


def test_tracked_changes_and_comments_survive_a_libreoffice_resave(letter, builtin_library) -> None:
    outline, exported = letter

    def change(word) -> None:
        edits.track_delete(word, "markedly heterogeneous", "markedly ", EDITOR)
        edits.comment(word, "which calls into question", "pooled results", "Board Member", "Cite I²?")
        edits.move_paragraph(
            word, "It is especially troubling", "Chronic pain takes a heavy toll", EDITOR, keep_anchor=True
        )
        edits.add_paragraph_after(word, "keep listening to its members", "We thank the editors.", EDITOR)

    path = edited_copy(exported, change)
    direct = merged(path, outline, builtin_library)
    through_libreoffice = merged(resaved(path), outline, builtin_library)
    statuses = [(c.label, c.status) for c in direct.changes]
    assert [(c.label, c.status) for c in through_libreoffice.changes] == statuses
    assert ("concerns/heterogeneity", "edited") in statuses and ("new paragraph", "added") in statuses
    heterogeneity = next(c for c in through_libreoffice.changes if c.label == "concerns/heterogeneity")
    assert [(c.author, c.anchor) for c in heterogeneity.comments] == [("Board Member", "pooled results")]
    assert ("deleted", EDITOR, "markedly ") in [(r.kind, r.author, r.text) for r in heterogeneity.revisions]
    first, second = apply_changes(direct), apply_changes(through_libreoffice)
    assert [(b.block, b.text, b.title) for b in first.body] == [
        (b.block, b.text, b.title) for b in second.body
    ]
