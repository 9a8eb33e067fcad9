"""``rebuttal merge``: take the editors' edited DOCX back into the outline.

Without ``--apply`` it only reports (per item: unchanged, edited with a word
diff, moved, deleted, added; every tracked change and comment with its author)
and writes nothing. ``--apply`` writes the editors' version into the outline
(only when something changed, so an unchanged export leaves the file
byte-identical); ``--propose DIR`` writes edited library wording as new draft
block versions in ``DIR``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rebuttal.commands.common import add_library_option
from rebuttal.errors import Exit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "Compare EDITED.docx (a DOCX exported by `rebuttal build`, edited in Word or "
        "LibreOffice) with OUTLINE. Reports by default; writes nothing unless --apply or --propose."
    )
    parser.add_argument("edited", type=Path, metavar="EDITED.docx", help="the editors' DOCX")
    parser.add_argument("outline", type=Path, metavar="OUTLINE", help="the letter's TOML outline")
    parser.add_argument(
        "--apply", action="store_true",
        help="write the editors' version into OUTLINE: tracked changes accepted, edits as per-letter "
        "overrides, deletions, moves, added paragraphs as custom items, comments as notes",
    )
    parser.add_argument(
        "--force", action="store_true",
        help="map paragraphs by text alone (a DOCX from another outline, or not exported by rebuttal)",
    )
    parser.add_argument(
        "--propose", type=Path, metavar="DIR",
        help="write edited library wording as new draft versions of those blocks in library folder DIR",
    )
    parser.add_argument("--all", action="store_true", help="list unchanged items too")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Report, and apply or propose when asked."""
    if not args.apply:
        return _merge(args)
    from rebuttal.files.lock import locked

    with locked(args.outline):  # from the load to the save: nobody else's save lost in between
        return _merge(args)


def _merge(args: argparse.Namespace) -> Exit:
    from rebuttal.commands.common import open_library
    from rebuttal.exchange.docx.read import read_docx
    from rebuttal.letter.outline import load_outline, save_outline
    from rebuttal.merge.apply import apply_changes
    from rebuttal.merge.propose import proposals, write_proposals
    from rebuttal.merge.report import describe, merge_edited

    outline = load_outline(args.outline)
    library = open_library(args)
    edited = read_docx(args.edited)
    report = merge_edited(edited, library, outline, force=args.force)
    drafts = (proposals(report.changes, args.propose, args.edited.name, design=outline.article.design)
              if args.propose else [])
    updated = apply_changes(report) if args.apply else None
    for line in describe(report, with_unchanged=args.all):
        print(line)
    # Everything is checked before anything is written.
    write_proposals(drafts)
    for draft in drafts:
        print(f"proposed: {draft.block_id} v{draft.version} (draft) -> {draft.path}")
    if args.propose and not drafts:
        print("proposed: nothing (no edit changes a library block's wording)")
    if args.apply:
        if updated is None:
            print(f"applied: nothing to change; {args.outline} left as it is")
        else:
            save_outline(updated, args.outline)
            print(f"applied: {args.outline} updated ({len(updated.body)} body items)")
    sys.stdout.flush()
    return Exit.OK
