"""``rebuttal merge``: take the editors' edited DOCX back into the outline.

Without ``--apply`` it only reports (per item: unchanged, edited with a word
diff, moved, deleted, added; every tracked change and comment with its author)
and writes nothing. ``--apply`` writes the editors' version into the outline
(only when something changed, so an unchanged export leaves the file
byte-identical). When OUTLINE changed since the export, the editors' changes are found
against the outline as exported (kept in the state folder, :mod:`rebuttal.exchange.exports`)
and merged three ways with OUTLINE's own changes; a field both changed needs ``--ours`` or
``--theirs`` to apply. ``--propose DIR`` writes edited library wording as new draft
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
        "LibreOffice) with OUTLINE as it was exported, and merge the editors' changes with OUTLINE's own "
        "changes since (three ways; see docs/merging.md). Reports by default; writes nothing unless --apply "
        "or --propose."
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
    side = parser.add_mutually_exclusive_group()
    side.add_argument(
        "--ours", dest="choose", action="store_const", const="mine",
        help="when OUTLINE changed since the export and the editors changed the same field too, "
        "keep OUTLINE's value (without --ours or --theirs such conflicts are reported, nothing applied)",
    )
    side.add_argument(
        "--theirs", dest="choose", action="store_const", const="theirs",
        help="in such a conflict, take the editors' value",
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
    if not (args.apply or args.propose or args.force or args.all or getattr(args, "unchanged_tried", False)):
        # An export nobody changed is recognised without python-docx (rebuttal.merge.unchanged).
        from rebuttal.merge.unchanged import answer_if_unchanged

        if answer_if_unchanged(args.edited, args.outline, args.library):
            return Exit.OK
    from rebuttal.commands.common import open_library
    from rebuttal.exchange.docx.read import read_docx
    from rebuttal.letter.outline import load_outline, save_outline
    from rebuttal.merge.report import describe, merge_edited

    if args.outline.suffix.lower() in (".docx", ".doc") and args.edited.suffix.lower() == ".toml":
        from rebuttal.errors import RebuttalError

        raise RebuttalError(f"the arguments are swapped: the edited DOCX comes first: rebuttal merge "
                            f"{args.outline} {args.edited}")
    outline = load_outline(args.outline)
    library = open_library(args, whole=False)  # one letter's blocks, read when used (as build and check)
    edited = read_docx(args.edited)
    report = merge_edited(edited, library, outline, force=args.force)
    drafts = []
    if args.propose:
        from rebuttal.merge.propose import proposals

        drafts = proposals(report.changes, args.propose, args.edited.name, design=outline.article.design)
    combined = None
    if args.apply or report.current is not None:  # else nothing to combine: not even imported
        from rebuttal.merge.combine import combine, describe_combined

        combined = combine(report, choose=args.choose)
    for line in describe(report, with_unchanged=args.all):
        print(line)
    if combined is not None:
        for line in describe_combined(combined):
            print(line)
    # Everything is checked before anything is written.
    if drafts:
        from rebuttal.merge.propose import write_proposals

        write_proposals(drafts)
    for draft in drafts:
        print(f"proposed: {draft.block_id} v{draft.version} (draft) -> {draft.path}")
    if args.propose and not drafts:
        print("proposed: nothing (no edit changes a library block's wording)")
    if args.apply and combined is not None:
        if combined.blocked:
            print(f"not applied: {len(combined.conflicts)} conflict(s) above; choose with --ours (keep the "
                  f"outline's) or --theirs (take the editors'); {args.outline} left as it is")
            sys.stdout.flush()
            return Exit.SOMETHING_TO_REVIEW
        if combined.outline is None:
            print(f"applied: nothing to change; {args.outline} left as it is")
        else:
            save_outline(combined.outline, args.outline)
            print(f"applied: {args.outline} updated ({len(combined.outline.body)} body items)")
        if report.export_digest:
            from rebuttal.exchange.exports import note_applied

            note_applied(report.export_digest, args.outline)
    sys.stdout.flush()
    return Exit.OK
