"""Every text format of the example letter, pinned against golden files.

Run ``REBUTTAL_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` after an
intended change, then read the diff of ``tests/golden/`` before committing.
"""

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from rebuttal.render.markdown import render_markdown
from rebuttal.render.rich_render import render_rich
from rebuttal.render.text import render_text

GOLDEN = Path(__file__).resolve().parent / "golden"


def _rich_text(document) -> str:
    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(render_rich(document))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


RENDERERS = {
    "psps-wang-2025.md": render_markdown,
    "psps-wang-2025.txt": render_text,
    "psps-wang-2025.rich.txt": _rich_text,
}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_example_matches_golden(example_document, name: str) -> None:
    produced = RENDERERS[name](example_document)
    path = GOLDEN / name
    if os.environ.get("REBUTTAL_UPDATE_GOLDEN"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8")


def test_all_formats_carry_the_same_letter(example_document) -> None:
    """What you see is what is sent: every format has the same points, citations and references."""
    outputs = {name: render(example_document) for name, render in RENDERERS.items()}
    for text in outputs.values():
        flat = " ".join(text.replace("\\", "").split())
        for marker in ("(1)", "(2,3)", "(4-9)", "(10-13)", "(14)"):
            assert marker in flat
        for heading in ("Questionable Expertise of Authors", "Heterogeneity of Studies"):
            assert heading in flat
        assert "S1-S127" in flat and "PMID: 39971346." in flat
