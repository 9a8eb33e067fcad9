"""``rebuttal letters``: the society's record of letters sent (rebuttal/record/).

- ``letters``: the recorded letters, newest first (``--json`` for scripts);
- ``letters add OUTLINE --sent DATE``: record a sent letter (frozen outline, text, DOCX hash);
- ``letters set ID --status S``: what became of it (and ``--doi``, ``--reply``);
- ``letters overlap OUTLINE``: the passages a letter shares with recorded letters, and what to do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from rebuttal.commands.common import add_library_option, date_argument, open_library
from rebuttal.errors import Exit, RebuttalError
from rebuttal.vocabulary import LETTER_STATUSES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's actions and their arguments (its name and summary: ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "The society's record of letters sent: list them (newest first), record one, say what became of "
        "it, and see what a new letter shares with them. See docs/record.md."
    )
    _shared_options(parser, top=True)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser("add", help="record a sent letter in the library folder's letters/")
    add.add_argument("outline", type=Path, metavar="OUTLINE")
    add.add_argument("--sent", required=True, type=date_argument, metavar="YYYY-MM-DD",
                     help="the day it was sent")
    add.add_argument("--venue", metavar="ID", help="where it was sent (default: the outline's letter.venue)")
    add.add_argument("--docx", type=Path, metavar="FILE",
                     help="the DOCX as sent, for its hash (default: the DOCX built from OUTLINE)")
    _shared_options(add, top=False)
    change = actions.add_parser("set", help="record what became of a letter: its status, DOI, the reply")
    change.add_argument("id", metavar="ID", help="the letter's id (or a unique start of it)")
    change.add_argument("--status", choices=LETTER_STATUSES, help="the letter's status now")
    change.add_argument("--doi", metavar="D", help="the letter's own DOI, once published")
    change.add_argument("--reply", metavar="PMID-or-DOI", help="the authors' reply")
    _shared_options(change, top=False)
    overlap = actions.add_parser("overlap",
                                 help="passages a letter shares with recorded letters, and remedies")
    overlap.add_argument("outline", type=Path, metavar="OUTLINE")
    _shared_options(overlap, top=False)


def _shared_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--json`` and ``--library`` before or after ACTION: an action's own take what the command's
    took and add to it (argparse would otherwise reset them to the action's defaults)."""
    unset = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument("--json", action="store_true", help="print as JSON", **unset)
    parser.add_argument("--today", type=date_argument, help=argparse.SUPPRESS, **unset)
    add_library_option(parser, **unset)


def run(args: argparse.Namespace) -> Exit:
    """Run the chosen action (the list when none)."""
    action = {None: _list, "add": _add, "set": _set, "overlap": _overlap}[args.action]
    return action(args)


def _folders(args: argparse.Namespace) -> list[Path]:
    from rebuttal.library.stack import library_folders

    return library_folders(args.library)


def _list(args: argparse.Namespace) -> Exit:
    from rebuttal.record.letters import load_letters

    today = args.today or dt.date.today()
    letters = load_letters(_folders(args))
    if args.json:
        json.dump([_as_json(letter, today) for letter in letters], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return Exit.OK
    if not letters:
        print("no letters on record: `rebuttal letters add OUTLINE --sent DATE` records one", file=sys.stderr)
        return Exit.OK
    rows = [("id", "target", "venue", "sent", "status", "days")]
    rows += [(letter.id, letter.target.short, letter.venue or "-", letter.sent.isoformat(), letter.status,
              str(letter.days_since_sent(today))) for letter in letters]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return Exit.OK


def _as_json(letter, today: dt.date) -> dict[str, object]:
    return {
        "id": letter.id, "title": letter.title, "venue": letter.venue, "sent": letter.sent.isoformat(),
        "status": letter.status, "status_on": letter.status_on,
        "days_since_sent": letter.days_since_sent(today),
        "target": vars(letter.target) | {"short": letter.target.short}, "doi": letter.doi,
        "reply": letter.reply,
        "docx_sha256": letter.docx_sha256, "file": str(letter.path),
    }


def _add(args: argparse.Namespace) -> Exit:
    import hashlib

    from rebuttal.commands.common import check_buildable
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline, outline_text
    from rebuttal.letter.venue_choice import resolve_venue
    from rebuttal.record.letters import Target, add_letter, record_folder

    library = open_library(args, whole=False)
    original = args.outline.read_text(encoding="utf-8") if args.outline.is_file() else None
    outline = load_outline(args.outline)
    check_buildable(library, outline)
    venue = resolve_venue(library, outline, args.venue)
    document = assemble(library, outline)
    if document.unresolved:
        names = ", ".join("{" + name + "}" for name in document.unresolved)
        raise RebuttalError(f"placeholders not filled in ({names}): this is not the letter that was sent",
                            file=args.outline)
    for item in outline.body:  # the frozen copy names the wording each block had
        block = library.block(item.block) if item.block else None
        if block is not None and not item.text and not item.version:
            item.version = block.version
    if args.docx is not None:
        try:
            docx = args.docx.read_bytes()
        except OSError as error:
            from rebuttal.files.problems import os_error

            raise os_error(error, doing="open") from None
    else:
        docx = _built_docx(document, args.outline)
    folder = record_folder(library.folders)
    recorded = add_letter(
        folder, outline_text=outline_text(outline, original), text=_built_text(document),
        docx_sha256=hashlib.sha256(docx).hexdigest(), title=outline.letter.title, venue=venue.id,
        sent=args.sent, target=Target.of(outline.article),
    )
    if args.json:
        json.dump(_as_json(recorded, args.today or dt.date.today()), sys.stdout, indent=2)
        sys.stdout.write("\n")
    print(f"recorded {recorded.id}: {recorded.named()} to {recorded.venue or 'no venue'} ({recorded.path})",
          file=sys.stderr)
    return Exit.OK


def _built_text(document) -> str:
    from rebuttal.render import render_to_text
    from rebuttal.render.formats import export_format

    return render_to_text(document, export_format("txt"))


def _built_docx(document, outline: Path) -> bytes:
    """The DOCX ``rebuttal build`` makes of the letter (the same bytes: the same record of its outline)."""
    import tempfile

    from rebuttal.exchange.exports import export_origin, note_export
    from rebuttal.render import render_to_file
    from rebuttal.render.formats import export_format

    with tempfile.TemporaryDirectory(prefix="rebuttal-letter-") as folder:
        path = Path(folder) / "letter.docx"
        render_to_file(document, path, export_format("docx"), origin=export_origin(outline))
        note_export(path, outline)
        return path.read_bytes()


def _set(args: argparse.Namespace) -> Exit:
    from rebuttal.record.letters import find_letter, set_status

    if args.status is None and not args.doi and not args.reply:
        raise RebuttalError("nothing to set: give --status, --doi or --reply", field="set")
    doi = _identifier(args.doi, "--doi", pmid=False) if args.doi else None
    reply = _identifier(args.reply, "--reply", pmid=True) if args.reply else None
    letter = find_letter(_folders(args), args.id)
    changed = set_status(letter, status=args.status, doi=doi, reply=reply,
                         today=args.today or dt.date.today())
    print(f"{changed.id}: {changed.status}" + (f", DOI {changed.doi}" if changed.doi else "")
          + (f", reply {changed.reply}" if changed.reply else ""), file=sys.stderr)
    return Exit.OK


def _identifier(value: str, flag: str, *, pmid: bool) -> str:
    """A DOI (or, for a reply, a PMID) as stored: bare, checked."""
    from rebuttal.refs.identifiers import bare_doi, bare_pmid, doi_problem, pmid_problem

    digits = bare_pmid(value)
    if pmid and digits.isdigit():
        problem = pmid_problem(digits, written=value)
        if problem:
            raise RebuttalError(problem, field=flag)
        return digits
    doi = bare_doi(value)
    problem = doi_problem(doi, written=value)
    if problem:
        raise RebuttalError(problem + (" (or a PMID)" if pmid else ""), field=flag)
    return doi


def _overlap(args: argparse.Namespace) -> Exit:
    from rebuttal.commands.letters_overlap import print_overlap

    return print_overlap(args)
