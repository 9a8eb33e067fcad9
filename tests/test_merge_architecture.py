"""``rebuttal merge`` is a batch command: it never loads Textual; its domain never imports python-docx."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from .conftest import EXAMPLE, ROOT
from .test_architecture import _modules_after


def test_merge_never_imports_textual(tmp_path: Path) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    exported = tmp_path / "letter.docx"
    _modules_after(["build", str(outline), "-o", str(exported)], tmp_path)
    # --all takes the full path (an unchanged export alone is recognised without the reader:
    # test_merge_unchanged.py).
    loaded = _modules_after(["merge", "--all", str(exported), str(outline)], tmp_path)
    assert "textual" not in loaded and "rebuttal.ui" not in loaded
    assert "rebuttal.merge.report" in loaded and "rebuttal.exchange.docx.read" in loaded


def test_the_merge_domain_and_the_edited_model_know_no_docx_and_no_render() -> None:
    """Of the DOCX package, merge knows only the names reader and writer share (styles, comment author)."""
    files = [*(ROOT / "rebuttal" / "merge").glob("*.py"), ROOT / "rebuttal" / "exchange" / "edited.py",
             ROOT / "rebuttal" / "exchange" / "record.py"]
    shared = "rebuttal.exchange.docx.names"
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                dotted = [f"{node.module}.{alias.name}" for alias in node.names]
                if node.module == "rebuttal.exchange.docx" and dotted == [shared]:
                    continue
                forbidden = ("docx", "rebuttal.render", "rebuttal.exchange.docx", "rebuttal.ui")
                assert node.module == shared or not node.module.startswith(forbidden), path
            if isinstance(node, ast.Import):
                assert not any(alias.name.startswith("docx") for alias in node.names), path
