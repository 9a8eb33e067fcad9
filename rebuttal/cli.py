"""The ``rebuttal`` command line: parse arguments, run a command, report errors.

Each subcommand lives in ``rebuttal/commands/<name>.py`` with ``add_parser``
and ``run``; their heavy imports happen inside ``run`` so that ``rebuttal
build`` loads only what a build needs (and never Textual).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from rebuttal import __version__
from rebuttal.errors import RebuttalError

COMMANDS = ("build", "preview", "blocks", "refs", "edit", "import", "check", "merge", "library")
# Command names that are Python keywords live in a module of another name.
MODULES = {"import": "import_refs", "library": "library_cmd"}


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, one sub-parser per command module."""
    parser = argparse.ArgumentParser(
        prog="rebuttal",
        description="Assemble a society's rebuttal letter from approved blocks.",
        epilog="`rebuttal letter.toml` opens the letter in the app (the same as `rebuttal edit "
        "letter.toml`; a file that does not exist yet starts a new letter). "
        "`rebuttal COMMAND --help` explains each command.",
    )
    parser.add_argument("--version", action="version", version=f"rebuttal {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"rebuttal.commands.{MODULES.get(name, name)}")
        sub = module.add_parser(subparsers)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if args_list and args_list[0].endswith(".toml") and "edit" in COMMANDS:
        args_list.insert(0, "edit")  # `rebuttal letter.toml` opens the editor.
    args = parser.parse_args(args_list)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except RebuttalError as error:
        print(f"rebuttal: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
