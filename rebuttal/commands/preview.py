"""``rebuttal preview``: show the assembled letter in the terminal (Rich)."""

from __future__ import annotations

import argparse

from rebuttal.commands.common import add_library_option, open_letter
from rebuttal.errors import Exit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.add_argument("outline", help="the letter's TOML outline")
    parser.add_argument("--width", type=int, default=None, help="columns (default: the terminal's)")
    parser.add_argument("--no-pager", action="store_true",
                        help="print straight to the terminal (by default a long letter is paged, "
                        "as git log is)")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Print the Rich preview."""
    from rich.console import Console

    from rebuttal.render.rich_render import render_rich

    _library, _outline, document = open_letter(args)
    console = Console(width=args.width) if args.width else Console()
    if console.is_terminal and not args.no_pager:
        import os

        # As git does: quit at once when it fits one screen, keep colours, leave the screen as it is.
        os.environ.setdefault("LESS", "FRX")
        with console.pager(styles=True):
            console.print(render_rich(document))
    else:
        console.print(render_rich(document))
    return Exit.OK
