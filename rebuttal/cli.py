"""The ``rebuttal`` command line: parse arguments, run a command, report errors.

The commands are a table (as pip's ``commands_dict``): a name, the module that
implements it and one line of help. ``rebuttal --help`` lists the table;
only the command being run is imported and its parser built, so ``rebuttal
--version`` imports no command and ``rebuttal build`` loads only what a build
needs (never Textual); ``rebuttal merge EDITED OUTLINE`` of an export nobody
changed is answered before argparse loads (:mod:`rebuttal.merge.unchanged`). Each
module in ``rebuttal/commands/`` has
``add_arguments(parser)`` and ``run(args) -> Exit``; its heavy imports happen
inside ``run``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rebuttal import __version__
from rebuttal.errors import Exit, RebuttalError

# argparse, typing and pathlib are imported where they are used: `rebuttal --version` needs none.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


class Command:
    """Where a command lives (a module of ``rebuttal.commands``) and what ``--help`` says of it."""

    __slots__ = ("module", "summary")

    def __init__(self, module: str, summary: str) -> None:
        self.module = module
        self.summary = summary

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Command) and (self.module, self.summary) == (other.module, other.summary)

    def __repr__(self) -> str:
        return f"Command({self.module!r}, {self.summary!r})"


COMMANDS: dict[str, Command] = {
    "build": Command("build", "build the letter from an outline (DOCX, PDF, Markdown or text)"),
    "preview": Command("preview", "show the letter in the terminal"),
    "blocks": Command("blocks", "list the library's blocks, or show one (blocks show ID)"),
    "refs": Command("refs", "print the letter's numbered reference list"),
    "edit": Command("edit", "write the letter in the interactive app"),
    "import": Command("import_refs", "import references (CSL-JSON/YAML, BibTeX, RIS, PubMed MEDLINE)"),
    "check": Command("check", "check the letter against a venue's limits and for loose ends"),
    "venues": Command("venues", "list the venues' rules: limits, window, and when each was verified"),
    "merge": Command("merge", "report (and with --apply take in) the editors' changes to an exported DOCX"),
    "library": Command("library_cmd", "the approval committee's tools: lint, approve, usage, diff, update"),
    "letters": Command("letters", "the record of letters sent: list, add, set a status, overlap with them"),
    "watch": Command("watch", "ask PubMed and Crossref what became of the articles answered and cited"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every command listed, ``command``'s own arguments only (imported now)."""
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="rebuttal",
        description="Assemble a society's rebuttal letter from approved blocks.",
        epilog="`rebuttal letter.toml` opens the letter in the app (the same as `rebuttal edit "
        "letter.toml`; a new letter in a new file: `rebuttal edit --new letter.toml`). "
        "`rebuttal COMMAND --help` explains each command.",
    )
    parser.add_argument("--version", action="version", version=f"rebuttal {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Running a known command builds its parser alone (each parser costs argparse's gettext look-ups);
    # anything else (no command, `--help`, a misspelt one) lists them all.
    for name, entry in COMMANDS.items():
        if command in COMMANDS and name != command:
            continue
        sub = subparsers.add_parser(name, help=entry.summary)
        if name == command:
            module = importlib.import_module(f"rebuttal.commands.{entry.module}")
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> Exit:
    """Run the command line; return the exit status (see :class:`~rebuttal.errors.Exit`)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # answered before argparse and any command is imported
        print(f"rebuttal {__version__}")
        return Exit.OK
    try:
        answered = _unchanged_merge(args_list)
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        return Exit.OK
    if answered:
        return Exit.OK
    if args_list and args_list[0].endswith(".toml"):
        args_list.insert(0, "edit")  # `rebuttal letter.toml` opens the editor.
    command = next((arg for arg in args_list if not arg.startswith("-")), None)
    parser = build_parser(command)
    args = parser.parse_args(args_list)
    if answered is False:
        args.unchanged_tried = True  # the export was read and may have changed: not read again
    if not getattr(args, "run", None):
        parser.print_help()
        return Exit.BAD_INPUT
    try:
        return Exit(args.run(args))
    except RebuttalError as error:
        print(f"rebuttal: {error}", file=sys.stderr)
        return Exit.BAD_INPUT
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        return Exit.OK
    except (OSError, RecursionError, UnicodeError, MemoryError) as error:
        print(f"rebuttal: {unexpected(error, args)}", file=sys.stderr)
        return Exit.BAD_INPUT
    except Exception as error:
        if type(error).__module__ != "sqlite3":
            raise  # a bug: its traceback is what a report needs
        print(f"rebuttal: {unexpected(error, args)}", file=sys.stderr)
        return Exit.BAD_INPUT


def _unchanged_merge(args_list: list[str]) -> bool | None:
    """``rebuttal merge EDITED OUTLINE`` of an export nobody changed, answered before argparse
    (:mod:`rebuttal.merge.unchanged`): True when it was, and its report printed; False when the
    export may have changed; None when the arguments are not that form.

    Only for the two file names alone, each as ``pathlib`` would print it (the report names them as
    the full path does): anything else is left to the command, which tries the same shortcut.
    """
    if len(args_list) != 3 or args_list[0] != "merge" or not all(map(_as_printed, args_list[1:])):
        return None
    from rebuttal.merge.unchanged import answer_if_unchanged

    return answer_if_unchanged(args_list[1], args_list[2])


def _as_printed(name: str) -> bool:
    """True when ``name`` is a POSIX file name that ``Path(name)`` prints unchanged (no ``-`` first,
    no empty or ``.`` part: not ``./a``, ``a/``, ``a//b``)."""
    if sys.platform == "win32" or not name or name.startswith("-"):
        return False
    parts = name.split("/")
    return all(part not in ("", ".") for part in (parts[1:] if name.startswith("/") else parts))


def unexpected(error: BaseException, args: argparse.Namespace) -> RebuttalError:
    """The last resort: a failure no command turned into a located line, as one.

    Commands raise located :class:`RebuttalError` wherever they know the file; this net catches
    what slipped through (a full disk in a library we did not expect to write, a file nested too
    deeply for Python, text no file can hold, the search index damaged under us), names the
    file when the error knows it (else the files the command was given) and says what to do.
    """
    import errno

    from rebuttal.files.problems import os_error

    if isinstance(error, OSError):
        doing = "write" if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS) else "open"
        if error.filename is not None:
            return os_error(error, doing=doing)
        what = os_error(error, doing=doing).message
        return RebuttalError(f"{what} (while working on {_files_of(args)})")
    if type(error).__module__ == "sqlite3":
        from rebuttal.library.index import index_folder

        return RebuttalError(f"the library's search index is damaged or in use ({error}); it is only a "
                             "cache: delete the folder and try again", file=index_folder())
    what = {
        RecursionError: "a file is nested too deeply to read; remove the nesting (a real one is a few "
                        "levels deep)",
        UnicodeDecodeError: "a file is not UTF-8 text; save it as UTF-8",
        UnicodeEncodeError: "the text holds a character no file can hold (a lone surrogate); remove it "
                            "where it came from",
        MemoryError: "out of memory: a file is far larger than a letter's files are",
    }.get(type(error), f"{type(error).__name__}: {error}")
    return RebuttalError(f"{what} (while working on {_files_of(args)})")


def _files_of(args: argparse.Namespace) -> str:
    """The files a command was given, for a message that cannot name the one at fault."""
    from pathlib import Path

    files = [str(value) for name, value in sorted(vars(args).items())
             if name != "run" and isinstance(value, Path)]
    return ", ".join(files) or "the library"
