"""What several commands share: the ``--library`` option and loading a letter."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded when used: a command's --help (or merge of an unchanged export) needs none
    from rebuttal.letter.outline import Outline
    from rebuttal.library.stack import Library
    from rebuttal.model import Document


def add_library_option(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    """``--library DIR`` (repeatable): stack a library folder on top of the others.

    ``default`` is ``argparse.SUPPRESS`` for a subcommand's copy of a command's option (so the
    subcommand adds to what the command took rather than resetting it); an empty list otherwise.
    """
    parser.add_argument(
        "--library", action="append", default=[] if default is None else default, metavar="DIR", type=Path,
        help="extra library folder, stacked last (overrides blocks of the same id); repeatable",
    )


def date_argument(text: str) -> dt.date:
    """An argparse ``type``: ``YYYY-MM-DD`` as a date, anything else refused in one line."""
    from rebuttal.text.dates import full_date_problem

    problem = full_date_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return dt.date.fromisoformat(text)


def open_library(args: argparse.Namespace, *, whole: bool = True) -> Library:
    """Load the library stack: built-in, user folder, REBUTTAL_LIBRARY, --library.

    ``whole=False`` for commands about one letter: only the blocks it uses are read
    (see :func:`rebuttal.library.stack.load_library`).
    """
    from rebuttal.library.folders import library_folders
    from rebuttal.library.stack import load_library

    return load_library(library_folders(args.library), whole=whole)


def open_letter(args: argparse.Namespace) -> tuple[Library, Outline, Document]:
    """Load the library and ``args.outline``, and assemble the letter."""
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline

    library = open_library(args, whole=False)
    outline = load_outline(Path(args.outline))
    check_buildable(library, outline)
    return library, outline, assemble(library, outline)


def check_buildable(library: Library, outline: Outline) -> None:
    """Refuse, in one line, what would build a wrong letter: no body, an unknown venue."""
    from rebuttal.errors import RebuttalError
    from rebuttal.letter.venue_choice import resolve_venue

    if not outline.body:
        raise RebuttalError(
            "the outline has no [[body]] items: nothing to build (add blocks with `rebuttal edit`, "
            "or see docs/outline.md)", file=outline.path,
        )
    if outline.letter.venue:
        resolve_venue(library, outline, None)  # an unknown venue names the known ones
