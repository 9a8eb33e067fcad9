"""``rebuttal library``: the approval committee's tools (lint, approve, usage, diff, update).

- ``lint``: every problem of every block, one line each with file, line and field (exit 0 clean,
  1 problems, 2 bad input);
- ``approve ID --by NAME``: status, approver, date, version and the hash of the approved wording,
  written into the block file in place (comments and order kept);
- ``usage [OUTLINE...]``: which letters (these, and every letter on record) use which blocks at which
  versions;
- ``diff ID``: a block's wording between two versions, from git history;
- ``update OUTLINE [ID]``: move a letter to the library's current wording, showing the change.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from rebuttal.commands.common import add_library_option, date_argument, open_library
from rebuttal.errors import Exit, RebuttalError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's actions and their arguments (its name and summary: ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "Keep the block library right: check it, approve wording, see which letters use what."
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    lint = actions.add_parser("lint", help="check every block of the library (exit 0 clean, 1 problems)")
    add_library_option(lint)
    approve = actions.add_parser("approve", help="approve a block's current wording")
    approve.add_argument("id", help="the block id, e.g. concerns/heterogeneity")
    approve.add_argument("--by", required=True, metavar="NAME", help="who approves (a person or committee)")
    approve.add_argument("--version", metavar="X",
                         help="the new version (default: the next minor, 1.0 -> 1.1)")
    approve.add_argument("--today", type=date_argument, help=argparse.SUPPRESS)
    add_library_option(approve)
    usage = actions.add_parser("usage", help="which letters (these and those on record) use which blocks "
                               "and versions")
    usage.add_argument("outlines", nargs="*", type=Path, metavar="OUTLINE")
    add_library_option(usage)
    diff = actions.add_parser("diff", help="a block's wording between two versions (from git history)")
    diff.add_argument("id")
    diff.add_argument("--from", dest="from_version", metavar="V", help="default: the version before --to")
    diff.add_argument("--to", dest="to_version", metavar="V", help="default: the library's current version")
    add_library_option(diff)
    update = actions.add_parser("update", help="move a letter to the library's current wording")
    update.add_argument("outline", type=Path)
    update.add_argument("id", nargs="?", help="only this block (default: every block that moved on)")
    add_library_option(update)


def run(args: argparse.Namespace) -> Exit:
    """Run the chosen action."""
    return {"lint": _lint, "approve": _approve, "usage": _usage, "diff": _diff, "update": _update}[
        args.action](args)


def _lint(args: argparse.Namespace) -> Exit:
    from rebuttal.library.committee import lint
    from rebuttal.library.stack import library_folders
    from rebuttal.record.notices import notice_problems

    folders = library_folders(args.library)
    # and blocks citing works `rebuttal watch` found retracted or corrected, until the committee acts
    problems = lint(folders) + notice_problems(folders)
    for problem in problems:
        print(problem)
    blocks = sum(1 for _ in _all_block_files(folders))
    print(f"{len(problems)} problems in {blocks} blocks of {len(folders)} folders", file=sys.stderr)
    return Exit.SOMETHING_TO_REVIEW if problems else Exit.OK


def _all_block_files(folders: list[Path]):
    from rebuttal.library.layout import block_paths

    for folder in folders:
        if folder.is_dir():
            yield from block_paths(folder)


def _approve(args: argparse.Namespace) -> Exit:
    from rebuttal.library.committee import approve

    library = open_library(args)
    block = library.block(args.id)
    if block is None or block.path is None:
        guess = library.closest_block_id(args.id)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        raise RebuttalError(f"unknown block '{args.id}'{hint}", field="approve")
    approved = approve(block.path, block.id, by=args.by, version=args.version,
                       today=args.today or dt.date.today())
    print(f"approved {approved.id} v{approved.version} by {approved.approved_by} on {approved.approved_on} "
          f"({block.path})", file=sys.stderr)
    return Exit.OK


def _usage(args: argparse.Namespace) -> Exit:
    """Each letter's blocks and versions; letters on record count per block too, but a sent letter's
    older or retired blocks are its history, not something to review (only OUTLINEs set the exit status)."""
    from collections import Counter

    from rebuttal.letter.outline import load_outline
    from rebuttal.record.letters import load_letters

    library = open_library(args)
    letters = [(str(path), path, False) for path in args.outlines]
    letters += [(f"{letter.outline_path} (on record: {letter.named()}, {letter.status})", letter.outline_path,
                 True) for letter in reversed(load_letters(library.folders))]
    if not letters:
        raise RebuttalError("no letters: name OUTLINE files, or record sent letters with "
                            "`rebuttal letters add`", field="usage")
    stale = 0
    on_record: Counter[str] = Counter()
    for label, path, recorded in letters:
        outline = load_outline(path)
        print(f"{label}:")
        for index, item in enumerate(outline.body, start=1):
            if item.is_custom:
                continue
            on_record[item.block] += recorded
            block = library.block(item.block)
            if block is None:
                print(f"  body[{index}] {item.block}: not in the library")
                stale += not recorded
                continue
            used = item.version or "(not recorded: builds the current wording)"
            notes = []
            if block.status == "retired":
                notes.append("RETIRED")
            elif block.status == "draft":
                notes.append("draft")
            if item.version and item.version != block.version:
                notes.append(f"OLDER wording: library has v{block.version}")
            stale += bool(notes and notes != ["draft"]) and not recorded
            tail = f"  [{', '.join(notes)}]" if notes else ""
            print(f"  body[{index}] {block.id} v{used}{tail}")
    recorded_count = sum(recorded for _label, _path, recorded in letters)
    if recorded_count:
        print(f"blocks in the {recorded_count} letters on record:")
        for block_id, count in sorted(on_record.items(), key=lambda pair: (-pair[1], pair[0])):
            if count:
                print(f"  {block_id}: {count}")
    print(f"{stale} uses of retired, missing or older blocks in {len(letters) - recorded_count} outlines "
          f"(and {recorded_count} letters on record)", file=sys.stderr)
    return Exit.SOMETHING_TO_REVIEW if stale else Exit.OK


def _diff(args: argparse.Namespace) -> Exit:
    from rebuttal.library.history import revisions, wording_at
    from rebuttal.text.diff import word_diff

    library = open_library(args)
    block = library.block(args.id)
    if block is None:
        raise RebuttalError(f"unknown block '{args.id}'", field="diff")
    to_block = wording_at(block, args.to_version) if args.to_version else block
    if to_block is None:
        raise RebuttalError(f"no version {args.to_version} of {block.id} in its git history", field="--to")
    from_version = args.from_version
    if from_version is None:
        older = [r.version for r in revisions(block) if r.version and r.version != to_block.version]
        if not older:
            raise RebuttalError(f"{block.id} has no earlier version in git history", file=block.path)
        from_version = older[0]
    from_block = wording_at(block, from_version)
    if from_block is None:
        raise RebuttalError(f"no version {from_version} of {block.id} in its git history", field="--from")
    print(f"{block.id}: v{from_block.version} -> v{to_block.version}")
    pairs = [("title", from_block.title, to_block.title), ("text", from_block.text, to_block.text),
             ("short", from_block.short or "", to_block.short or "")]
    old_wordings = {w.family: w for w in from_block.wordings}
    new_wordings = {w.family: w for w in to_block.wordings}
    for family in sorted(old_wordings.keys() | new_wordings.keys()):  # [wording.<family>], added or changed
        was, now = old_wordings.get(family), new_wordings.get(family)
        pairs += [(f"wording.{family}.text", was.text if was else "", now.text if now else ""),
                  (f"wording.{family}.short", (was and was.short) or "", (now and now.short) or "")]
    for label, old, new in pairs:
        if old.split() != new.split():
            print(f"{label}: {word_diff(old, new, context=None)}")
    return Exit.OK


def _update(args: argparse.Namespace) -> Exit:
    from rebuttal.files.lock import locked

    with locked(args.outline):  # from the load to the save: nobody else's save lost in between
        return _update_locked(args)


def _update_locked(args: argparse.Namespace) -> Exit:
    from rebuttal.letter.outline import load_outline, save_outline
    from rebuttal.library.history import wording_at
    from rebuttal.text.diff import word_diff

    library = open_library(args)
    outline = load_outline(args.outline)
    moved = 0
    for index, item in enumerate(outline.body, start=1):
        if item.is_custom or (args.id and item.block != args.id):
            continue
        block = library.block(item.block)
        if block is None or not item.version or item.version == block.version:
            continue
        older = wording_at(block, item.version)
        print(f"body[{index}] {block.id}: v{item.version} -> v{block.version}")
        if older is not None:
            design = outline.article.design
            old, new = older.variant_text(item.variant, design), block.variant_text(item.variant, design)
            change = word_diff(old, new, context=None)
            print(f"  {change}")
        item.version = block.version
        moved += 1
    if moved:
        save_outline(outline, args.outline)
    print(f"moved {moved} blocks of {args.outline} to the library's current wording", file=sys.stderr)
    return Exit.OK
