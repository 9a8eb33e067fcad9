"""The DOCX writer and reader mirror each other and share one vocabulary (``exchange/docx/names.py``)."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT
from .test_architecture import _import_graph, _reachable

DOCX = "rebuttal.exchange.docx"


def test_reader_and_writer_know_each_other_only_through_the_shared_names() -> None:
    graph = _import_graph()
    writer = {m for m in graph if m.startswith(f"{DOCX}.write")}
    reader = {m for m in graph if m.startswith(f"{DOCX}.read")}
    assert writer and reader
    for module in writer:
        assert not _reachable(graph, module) & reader, module
    for module in reader:
        assert not _reachable(graph, module) & writer, module
    assert not {m for m in _reachable(graph, f"{DOCX}.names") if m.startswith("rebuttal")} - {"rebuttal"}


def test_the_names_load_neither_the_writer_nor_python_docx() -> None:
    script = (
        "import sys\nimport rebuttal.exchange.docx.names, rebuttal.merge.mapping, rebuttal.merge.report\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                            check=True)
    loaded = set(result.stdout.split())
    assert f"{DOCX}.names" in loaded
    assert not {m for m in loaded if m.startswith((f"{DOCX}.write", f"{DOCX}.read"))}
    assert "docx" not in loaded and "lxml" not in loaded
