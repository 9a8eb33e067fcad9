"""``rebuttal check``: check a letter against a venue's rules before it goes out."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from rebuttal.commands.common import add_library_option, check_buildable, date_argument, open_library
from rebuttal.errors import Exit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "Check OUTLINE against its venue (letter.venue, or --venue): words, references, "
        "authors (people; a board signing on behalf is no author), days left to respond, "
        "every signatory's disclosure where the venue requires one, target article cited, unfilled "
        "placeholders, draft or retired blocks, lost or missing references, blocks used twice. "
        "Exit status: 0 all pass (a warning too), "
        "1 a rule fails, 2 bad input."
    )
    parser.add_argument("outline", help="the letter's TOML outline")
    parser.add_argument("--venue", metavar="NAME", help="check against this venue instead of letter.venue")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=date_argument,
        help="the letter's date when the outline has none (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Print the table (or JSON); 0 when every rule passes, 1 otherwise."""
    from rebuttal.letter.check_words import as_json
    from rebuttal.letter.checks import assemble_for_check, longest_blocks, resolve_venue, run_checks
    from rebuttal.letter.outline import load_outline

    today = args.today or dt.date.today()
    library = open_library(args, whole=False)  # a letter's check reads the blocks it uses
    outline = load_outline(Path(args.outline))
    check_buildable(library, outline)
    venue = resolve_venue(library, outline, args.venue)
    document = assemble_for_check(library, outline, today=today)
    results = run_checks(library, outline, document, venue, today=today)
    passed = all(result.ok for result in results)
    if args.json:
        payload = {
            "outline": str(args.outline),
            "venue": venue.id,
            "ok": passed,
            "checks": [as_json(result) for result in results],
        }
        json.dump(payload, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return Exit.OK if passed else Exit.SOMETHING_TO_REVIEW
    _print_table(results, venue.name, str(args.outline))
    if not next(r for r in results if r.rule == "words").ok:
        _print_longest(longest_blocks(library, outline, document, count=5))
    return Exit.OK if passed else Exit.SOMETHING_TO_REVIEW


def _print_table(results: list, venue_name: str, outline: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from rebuttal.letter.check_words import allowed_text, detail_text, failure_headline, found_text
    from rebuttal.letter.urgency import by_urgency

    failed = sum(not r.ok for r in results)
    verdict = "all checks pass" if not failed else (
        f"{failure_headline(by_urgency(results), count_more=False)} ({failed} of {len(results)} checks fail)")
    # The verdict may quote the letter ([@key]): plain text, never Rich markup.
    table = Table(title=Text(f"{outline} for {venue_name}: {verdict}"), title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("check", no_wrap=True)
    table.add_column("found", justify="right", no_wrap=True)
    table.add_column("allowed", justify="right", no_wrap=True)
    table.add_column("detail", overflow="fold")
    for result in results:
        mark = "[green]ok[/]" if result.ok else "[bold red]FAIL[/]"
        if result.ok and result.warning:
            mark = "[yellow]warn[/]"
        # Details quote the letter ([@key], {placeholder}): plain text, never Rich markup.
        table.add_row(mark, result.label, Text(found_text(result)), Text(allowed_text(result) or "-"),
                      Text(detail_text(result)))
    Console().print(table)


def _print_longest(blocks: list) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not blocks:
        return
    table = Table(title="Longest blocks", title_justify="left")
    for column in ("block", "words", "short variant"):
        table.add_column(column, no_wrap=column != "block")
    for block in blocks:
        if block.short_words is not None:
            short = f"yes, about {block.short_words} words"
        else:
            short = "in use" if block.variant == "short" else "none"
        table.add_row(Text(block.name), str(block.words), short)
    Console().print(table)
    if any(block.short_words is not None for block in blocks):
        print("`rebuttal build --fit` switches to short variants, last block first, until the letter fits.")
