"""``rebuttal preview``: show the assembled letter in the terminal (Rich)."""

from __future__ import annotations

import argparse

from rebuttal.commands.common import add_library_option, open_letter


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the command."""
    parser = subparsers.add_parser("preview", help="show the letter in the terminal")
    parser.add_argument("outline", help="the letter's TOML outline")
    parser.add_argument("--width", type=int, default=None, help="columns (default: the terminal's)")
    add_library_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the Rich preview."""
    from rich.console import Console

    from rebuttal.render.rich_render import render_rich

    _library, _outline, document = open_letter(args)
    console = Console(width=args.width) if args.width else Console()
    console.print(render_rich(document))
    return 0
