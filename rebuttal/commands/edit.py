"""``rebuttal edit``: open the interactive app on an outline (a new letter when it does not exist)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rebuttal.commands.common import add_library_option, open_library
from rebuttal.errors import Exit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "Open OUTLINE in the app: pick blocks, fill in the article, preview, save, export. "
        "A file that does not exist yet is created on the first save."
    )
    parser.add_argument("outline", nargs="?", help="the letter's TOML outline (default: a new letter)")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Run the app until the person quits."""
    from rebuttal.ui.app import make_app  # Textual is imported only here, never by batch commands.

    library = open_library(args)
    path = Path(args.outline) if args.outline else None
    if path is not None and path.is_dir():
        from rebuttal.errors import RebuttalError

        raise RebuttalError("is a folder; name an outline file (.toml)", file=path)
    make_app(path, library).run()
    return Exit.OK
