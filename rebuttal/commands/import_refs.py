"""``rebuttal import``: bring references in from CSL-JSON, CSL-YAML, BibTeX, RIS or MEDLINE.

With ``--article OUTLINE`` the file's one entry becomes the outline's
``[article]`` (the paper the letter answers). Otherwise the entries are
added to a library folder's ``references.json``; an entry that is already
in the library (same DOI, PMID, or title and year) is reported, not added.
Nothing is written when any entry is bad.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rebuttal.commands.common import add_library_option
from rebuttal.errors import RebuttalError


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the command."""
    from rebuttal.importers import FORMATS

    parser = subparsers.add_parser(
        "import", help="import references (CSL-JSON/YAML, BibTeX, RIS, PubMed MEDLINE)",
        description="Add the references in FILE to a library bibliography, or set an outline's "
        "target article from FILE with --article.",
    )
    parser.add_argument("file", type=Path, help="the file to import (.json, .yaml, .bib, .ris, .nbib)")
    parser.add_argument("--format", choices=FORMATS, help="the file's format (default: from its extension)")
    parser.add_argument(
        "--article", type=Path, metavar="OUTLINE",
        help="set this outline's [article] from the file's single entry instead of adding references",
    )
    parser.add_argument(
        "--to", type=Path, metavar="DIR",
        help="library folder whose references.json receives the entries (default: your library folder)",
    )
    add_library_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Import the file."""
    from rebuttal.importers import read_references

    items = read_references(args.file, args.format)
    if args.article is not None:
        return _set_article(args.article, items, args.file)
    return _add_to_library(args, items)


def _set_article(outline_path: Path, items: list[dict[str, Any]], source: Path) -> int:
    from rebuttal.outline import load_outline, save_outline

    if len(items) != 1:
        keys = ", ".join(item["id"] for item in items[:5])
        raise RebuttalError(
            f"--article needs a file with exactly one entry; this one has {len(items)} ({keys})",
            file=source,
        )
    outline = load_outline(outline_path)
    outline.article = article_from_item(items[0], keep=outline.article)
    save_outline(outline, outline_path)
    print(f"set [article] of {outline_path}: {outline.article.title}", file=sys.stderr)
    return 0


def article_from_item(item: dict[str, Any], keep: Any = None) -> Any:
    """An outline :class:`~rebuttal.outline.Article` from a CSL-JSON item (``design`` is kept)."""
    from rebuttal.outline import Article

    authors = []
    for person in item.get("author", []):
        if person.get("literal"):
            authors.append(str(person["literal"]))
        else:
            given = " ".join(part for part in (person.get("given", ""), person.get("suffix", "")) if part)
            authors.append(f"{person.get('family', '')}, {given}" if given else str(person.get("family", "")))
    parts = item["issued"]["date-parts"][0]
    date = "-".join(f"{int(part):02d}" if index else str(int(part)) for index, part in enumerate(parts[:3]))
    return Article(
        title=item["title"],
        authors=authors,
        journal=str(item.get("container-title", "")),
        journal_abbrev=str(item.get("container-title-short", "")),
        date=date,
        volume=str(item.get("volume", "")),
        issue=str(item.get("issue", "")),
        pages=str(item.get("page", "")),
        doi=str(item.get("DOI", "")),
        pmid=str(item.get("PMID", "")),
        design=getattr(keep, "design", ""),
        url=str(item.get("URL", "")),
    )


def _add_to_library(args: argparse.Namespace, items: list[dict[str, Any]]) -> int:
    from rebuttal.atomic import atomic_write_text
    from rebuttal.commands.common import open_library
    from rebuttal.library import user_library_folder
    from rebuttal.references import Bibliography, load_bibliography

    folder = args.to or user_library_folder()
    target = folder / "references.json"
    known = open_library(args).bibliography
    existing = load_bibliography(target) if target.is_file() else Bibliography()
    if target.is_file() and folder.resolve() not in _stack_folders(args):
        known.merge(existing)  # A folder outside the stack still must not get duplicates.
    added: list[str] = []
    for item in items:
        twin = known.find_duplicate(item)
        if twin is not None:
            print(f"skipped {item['id']}: already in the library as '{twin}'", file=sys.stderr)
            continue
        item["id"] = _free_key(item["id"], known)
        known.add(item, target)
        existing.add(item, target)
        added.append(item["id"])
    if not added:
        print(f"nothing added to {target}", file=sys.stderr)
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    ordered = list(existing.items.values())
    atomic_write_text(target, json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", field="to")
    print(f"added {len(added)} to {target}: {', '.join(added)}", file=sys.stderr)
    return 0


def _stack_folders(args: argparse.Namespace) -> list[Path]:
    from rebuttal.library import library_folders

    return [folder.resolve() for folder in library_folders(args.library)]


def _free_key(key: str, known: Any) -> str:
    """``key``, or ``key-2``... when another work already uses it."""
    candidate, number = key, 2
    while candidate in known:
        candidate, number = f"{key}-{number}", number + 1
    return candidate
