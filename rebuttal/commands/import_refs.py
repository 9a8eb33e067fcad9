"""``rebuttal import``: bring references in from CSL-JSON, CSL-YAML, BibTeX, RIS or MEDLINE.

With ``--article OUTLINE`` the file's one entry becomes the outline's
``[article]`` (the paper the letter answers). Otherwise the entries are
added to a library folder's ``references.json``: with ``--to DIR`` an entry
DIR already has (same DOI, PMID, or title and year) is skipped and one that
another folder of the stack has is added and named; without it (your own
folder) an entry anywhere in the library is skipped.

Every entry that can be a reference is imported; each one skipped (or
imported without a malformed DOI/PMID) is named with its line and the exit
status is 1. ``--strict`` refuses the whole file instead (status 2, nothing
written), as does an entry whose fields have no single meaning.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rebuttal.commands.common import add_library_option
from rebuttal.errors import Exit, RebuttalError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    from rebuttal.refs.importers import FORMATS

    parser.description = (
        "Add the references in FILE to a library bibliography, or set an outline's "
        "target article from FILE with --article."
    )
    parser.add_argument("file", type=Path, nargs="?",
                        help="the file to import (.json, .yaml, .bib, .ris, .nbib); or use --pmid / --doi")
    parser.add_argument("--pmid", nargs="+", action="extend", default=[], metavar="PMID",
                        help="look these PubMed IDs up at PubMed (E-utilities; REBUTTAL_EUTILS_URL)")
    parser.add_argument("--doi", nargs="+", action="extend", default=[], metavar="DOI",
                        help="look these DOIs up at Crossref (REBUTTAL_CROSSREF_URL)")
    parser.add_argument("--format", choices=FORMATS, help="the file's format (default: from its extension)")
    parser.add_argument(
        "--article", type=Path, metavar="OUTLINE",
        help="set this outline's [article] from the file's single entry instead of adding references",
    )
    parser.add_argument(
        "--to", type=Path, metavar="DIR",
        help="library folder whose references.json receives the entries (default: your library folder)",
    )
    parser.add_argument(
        "--strict", action="store_true",
        help="refuse the whole file (exit 2) if any entry would be skipped, instead of importing the rest",
    )
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Import the file: 0 when every entry came in, 1 when some were skipped, 2 when none did."""
    from rebuttal.refs.importers import no_references

    result = _read(args)
    args.file = result.path
    if result.problems and args.strict:
        first = result.problems[0].error(args.file)
        more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
        raise RebuttalError(f"{first.message}{more}; --strict: nothing imported",
                            file=first.file, line=first.line, field=first.field)
    if not result.items:
        raise no_references(result)
    for problem in result.problems:
        print(f"rebuttal: {problem.error(args.file)}", file=sys.stderr)
    items = result.items
    if args.article is not None:
        status = _set_article(args.article, items, args.file)
    else:
        status = _add_to_library(args, items)
    if result.problems:
        skipped = len(result.skipped)
        print(f"read {len(items)} entries from {args.file}; {skipped} skipped, "
              f"{len(result.problems) - skipped} without a malformed field (see above)", file=sys.stderr)
        return Exit.SOMETHING_TO_REVIEW
    return status


def _read(args: argparse.Namespace) -> Any:
    """The entries of the file, or of the identifiers looked up (PubMed, Crossref)."""
    from rebuttal.refs.importers import import_text, read_import

    if args.file is not None and (args.pmid or args.doi):
        raise RebuttalError("give a file or --pmid/--doi, not both", field="import")
    if args.file is not None:
        return read_import(args.file, args.format)
    if not (args.pmid or args.doi):
        raise RebuttalError("nothing to import: give a file, --pmid N or --doi D", field="import")
    from rebuttal.refs.lookup import fetch_crossref, fetch_pubmed

    answers = ([fetch_pubmed(args.pmid)] if args.pmid else []) + [fetch_crossref(doi) for doi in args.doi]
    combined = None
    for answer in answers:  # every look-up first: a failure writes nothing
        result = import_text(answer.text, Path(answer.label), answer.fmt)
        if combined is None:
            combined = result
        else:
            combined.items.extend(result.items)
            combined.problems.extend(result.problems)
    return combined


def _set_article(outline_path: Path, items: list[dict[str, Any]], source: Path) -> Exit:
    from rebuttal.files.lock import locked
    from rebuttal.letter.outline import load_outline, save_outline
    from rebuttal.refs.article import article_from_item

    if len(items) != 1:
        keys = ", ".join(item["id"] for item in items[:5])
        raise RebuttalError(
            f"--article needs a file with exactly one entry; this one has {len(items)} ({keys})",
            file=source,
        )
    with locked(outline_path):  # another process's change between the load and the save stays
        outline = load_outline(outline_path)
        outline.article = article_from_item(items[0], keep=outline.article)
        save_outline(outline, outline_path)
    print(f"set [article] of {outline_path}: {outline.article.title}", file=sys.stderr)
    return Exit.OK


def _add_to_library(args: argparse.Namespace, items: list[dict[str, Any]]) -> Exit:
    from rebuttal.files.lock import locked
    from rebuttal.library.layout import REFERENCES_FILE
    from rebuttal.library.stack import user_library_folder

    folder = args.to or user_library_folder()
    target = folder / REFERENCES_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)  # the lock's sidecar goes beside the file
    except OSError as error:
        from rebuttal.files.problems import os_error

        raise os_error(error, folder, doing="write", field="to") from None
    # From reading the library to writing the file: another import into this folder waits, and
    # then reads what this one wrote (nothing lost, no key taken twice).
    with locked(target):
        return _add_locked(args, items, folder, target)


def _add_locked(args: argparse.Namespace, items: list[dict[str, Any]], folder: Path, target: Path) -> Exit:
    from rebuttal.commands.common import open_library
    from rebuttal.files.atomic import atomic_write_text
    from rebuttal.refs.bibliography import Bibliography, load_bibliography, parse_bibliography

    stack = open_library(args).bibliography
    existing = load_bibliography(target) if target.is_file() else Bibliography()
    if target.is_file() and folder.resolve() not in _stack_folders(args):
        stack.merge(existing)  # Keys must stay free of the target's too.
    # --to DIR: a folder that holds its own copies; your own folder: anything the library has.
    dedupe_in = existing if args.to is not None else stack
    added: list[str] = []
    for item in items:
        item = {name: value for name, value in item.items() if not name.startswith("_")}
        twin = dedupe_in.find_duplicate(item)
        if twin is not None:
            where = "earlier in this file" if twin in added else (
                "already in the folder" if dedupe_in is existing else "already in the library")
            print(f"skipped {item['id']}: {where} as '{twin}'", file=sys.stderr)
            continue
        elsewhere = stack.find_duplicate(item)
        key = _free_key(item["id"], stack)
        if elsewhere is not None:
            print(f"{item['id']}: also in {stack.origins[elsewhere]} as '{elsewhere}'", file=sys.stderr)
        if key != item["id"]:
            print(f"{item['id']}: the key is taken in {stack.origins.get(item['id'], target)}; added as "
                  f"'{key}'", file=sys.stderr)
        item["id"] = key
        stack.add(item, target)
        existing.add(item, target)
        added.append(key)
    if not added:
        print(f"nothing added to {target}", file=sys.stderr)
        return Exit.OK
    ordered = list(existing.items.values())
    text = json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
    parse_bibliography(text, target)  # What loading will check: never write a library that cannot load.
    atomic_write_text(target, text, field="to")
    print(f"added {len(added)} to {target}: {_short_list(added)}", file=sys.stderr)
    return Exit.OK


def _short_list(keys: list[str]) -> str:
    return ", ".join(keys) if len(keys) <= 20 else ", ".join(keys[:20]) + f" and {len(keys) - 20} more"


def _stack_folders(args: argparse.Namespace) -> list[Path]:
    from rebuttal.library.stack import library_folders

    return [folder.resolve() for folder in library_folders(args.library)]


def _free_key(key: str, known: Any) -> str:
    """``key``, or ``key-2``... when another work already uses it."""
    candidate, number = key, 2
    while candidate in known:
        candidate, number = f"{key}-{number}", number + 1
    return candidate
