"""``rebuttal blocks``: a table of the library, optionally filtered."""

from __future__ import annotations

import argparse

from rebuttal.commands.common import add_library_option, open_library
from rebuttal.library import BLOCK_KINDS


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the command."""
    parser = subparsers.add_parser("blocks", help="list the library's blocks")
    parser.add_argument("query", nargs="?", default="", help="filter by words in id, title, tags or text")
    parser.add_argument("--kind", choices=BLOCK_KINDS, help="only blocks of this kind")
    add_library_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the table."""
    from rich.console import Console
    from rich.table import Table

    from rebuttal.search import filter_blocks

    library = open_library(args)
    blocks = filter_blocks(library.blocks.values(), args.query, kind=args.kind)
    table = Table(title=f"{len(blocks)} of {len(library.blocks)} blocks")
    table.add_column("id", no_wrap=True)  # ids are what people copy into outlines: never fold them
    for column in ("kind", "status", "version", "title", "tags"):
        table.add_column(column, overflow="fold")
    for block in blocks:
        short = " +short" if block.short else ""
        table.add_row(
            block.id, block.kind, block.status, block.version + short, block.title, ", ".join(block.tags)
        )
    Console().print(table)
    return 0 if blocks or not args.query else 1
