"""What the merge tests share: an exported example letter, an edited copy of it, its merge."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import docx

from rebuttal.exchange.docx.read import read_docx
from rebuttal.exchange.docx.write import write_docx
from rebuttal.exchange.record import outline_origin
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library
from rebuttal.merge.report import MergeReport, merge_edited

from .conftest import EXAMPLE, TODAY

EDITOR = "Jane Editor"
BOARD = "Board Member"


def export_example(folder: Path, library: Library, example: Path = EXAMPLE) -> tuple[Path, Path]:
    """A copy of an example outline and its DOCX export, side by side in ``folder``."""
    outline = folder / example.name
    shutil.copy(example, outline)
    exported = folder / "letter.docx"
    document = assemble(library, load_outline(outline), today=TODAY)
    write_docx(document, exported, origin=outline_origin(outline))
    return outline, exported




def edited_copy(exported: Path, change: Callable[[docx.document.Document], None]) -> Path:
    """The export, changed by ``change`` and saved as another file."""
    word = docx.Document(str(exported))
    change(word)
    path = exported.with_name("edited.docx")
    word.save(str(path))
    return path


def merged(path: Path, outline: Path, library: Library, **options: bool) -> MergeReport:
    return merge_edited(read_docx(path), library, load_outline(outline), today=TODAY, **options)


def by_label(report: MergeReport, label: str):
    return next(change for change in report.changes if change.label == label)
