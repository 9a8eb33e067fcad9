"""``rebuttal edit``: open the interactive app on an outline (``--new`` starts a letter in a new file).

A file that does not exist is refused unless ``--new`` says a new letter is meant: a misspelt
name (``rebuttal mylettr.toml``) must not open a blank letter; the refusal names the outline
beside it that the person probably meant.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rebuttal.commands.common import add_library_option, open_library
from rebuttal.errors import Exit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "Open OUTLINE in the app: pick blocks, fill in the article, preview, save, export. "
        "To start a new letter in a file that does not exist yet, add --new (it is created on the "
        "first save); without a file, a new untitled letter."
    )
    parser.add_argument("outline", nargs="?", help="the letter's TOML outline (default: a new letter)")
    parser.add_argument("--new", action="store_true",
                        help="OUTLINE does not exist yet: start a new letter there")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Run the app until the person quits."""
    path = Path(args.outline) if args.outline else None
    if path is not None:
        check_openable(path, new=args.new)
    from rebuttal.ui.app import make_app  # Textual is imported only here, never by batch commands.

    library = open_library(args)
    make_app(path, library).run()
    return Exit.OK


def check_openable(path: Path, *, new: bool) -> None:
    """Refuse, in one line, a folder, a Word file, or a missing file without ``--new`` (naming the likely
    one)."""
    from rebuttal.errors import RebuttalError

    if path.is_dir():
        raise RebuttalError("is a folder; name an outline file (.toml)", file=path)
    if path.exists():
        from rebuttal.letter.outline import refuse_document

        refuse_document(path)
        return
    if new:
        return
    from rebuttal.toml.fields import closest

    try:
        beside = [p.name for p in (path.parent if str(path.parent) else Path(".")).glob("*.toml")]
    except OSError:
        beside = []
    guess = closest(path.name, beside)
    hint = f" (did you mean {path.with_name(guess)}?)" if guess else ""
    raise RebuttalError(f"no such outline{hint}; to start a new letter there: rebuttal edit --new {path}",
                        file=path)
