"""``rebuttal refs``: the letter's numbered reference list."""

from __future__ import annotations

import argparse

from rebuttal.commands.common import add_library_option, open_letter
from rebuttal.errors import Exit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.add_argument("outline", help="the letter's TOML outline")
    parser.add_argument("--keys", action="store_true", help="show each reference's key too")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Print the references in citation order."""
    _library, _outline, document = open_letter(args)
    for reference in document.references:
        key = f"[{reference.key}] " if args.keys else ""
        print(f"{reference.number}. {key}{reference.plain()}")
    return Exit.OK
