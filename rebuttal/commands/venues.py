"""``rebuttal venues``: the register of venue rules, each figure with the date it was verified."""

from __future__ import annotations

import argparse
import json
import sys

from rebuttal.commands.common import add_library_option, open_library
from rebuttal.errors import Exit
from rebuttal.library.venues import FIGURES, Venue

# The figures a letter is checked against, in the order the table shows them.
LIMITS = ("word_limit", "max_references", "max_authors", "window_days")
WIDE_ENOUGH = 110  # columns below which the table would fold journal names and windows


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "List the venue profiles of the library stack: journal, word, reference and author limits, "
        "the response window and which article date it counts from (print, online, or not stated), "
        "and the day the figures were verified against the journal's quoted words. A figure marked * "
        "is unconfirmed: no quoted source backs it. --json adds each source's URL, quote and date."
    )
    parser.add_argument("--json", action="store_true",
                        help="print JSON (for scripts), sources and quotes included")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Print the table (or JSON) of every venue; 0."""
    library = open_library(args, whole=False)
    venues = [library.venues[name] for name in sorted(library.venues)]
    if args.json:
        json.dump([venue_json(venue) for venue in venues], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_table(venues)
    return Exit.OK


def venue_json(venue: Venue) -> dict[str, object]:
    """One venue as data: its figures, what is unconfirmed, when verified, and its quoted sources."""
    return {
        "id": venue.id,
        "journal": venue.journal,
        "name": venue.name,
        "word_limit": venue.word_limit,
        "max_references": venue.max_references,
        "max_authors": venue.max_authors,
        "window_days": venue.window_days,
        "window_from": venue.window_from or None,
        "cite_article": venue.cite_article,
        "verified_on": venue.verified_on or None,
        "unconfirmed": [name for name in FIGURES if _is_set(venue, name) and not venue.is_confirmed(name)],
        "sources": [
            {"title": source.title, "url": source.url or None, "quote": source.quote or None,
             "supports": list(source.supports), "as_of": source.as_of or None}
            for source in venue.sources
        ],
        "file": str(venue.path) if venue.path else None,
    }


def _is_set(venue: Venue, figure: str) -> bool:
    value = getattr(venue, figure)
    return value not in (None, "", False)


def _figure(venue: Venue, figure: str) -> str:
    """``400``, ``-`` (no limit) or ``400*`` (unconfirmed)."""
    value = getattr(venue, figure)
    if value is None:
        return "-"
    return f"{value}{'' if venue.is_confirmed(figure) else '*'}"


def _window(venue: Venue) -> str:
    """``28 days from print``, ``14 days (date not stated)`` or ``-``."""
    if venue.window_days is None:
        return "-"
    unconfirmed = "" if venue.is_confirmed("window_days") else "*"
    counted = f"from {venue.window_from}" if venue.window_from else "(date not stated)"
    return f"{venue.window_days}{unconfirmed} days {counted}"


def _line(venue: Venue) -> str:
    """``jama-letter: JAMA; 400 words, 5 references, 3 authors; 28 days from print; verified 2026-12-03``."""
    figures = ", ".join(f"{_figure(venue, figure)} {name}" for figure, name in (
        ("word_limit", "words"), ("max_references", "references"), ("max_authors", "authors"))
        if getattr(venue, figure) is not None) or "no limits"
    window = f"window {_window(venue)}" if venue.window_days is not None else "no window"
    verified = f"verified {venue.verified_on}" if venue.verified_on else "never verified"
    return f"{venue.id}: {venue.journal}; {figures}; {window}; {verified}"


def _print_table(venues: list[Venue]) -> None:
    """A table in a wide terminal; one line per venue when narrow or piped (nothing cut)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    if console.width < WIDE_ENOUGH or not console.is_terminal:
        print("Venues (* unconfirmed: no quoted source backs the figure; - no limit)")
        for venue in venues:
            print(_line(venue))
        return

    table = Table(title="Venues (* unconfirmed: no quoted source backs the figure)", title_justify="left")
    for column, justify in (("id", "left"), ("journal", "left"), ("words", "right"), ("refs", "right"),
                            ("authors", "right"), ("window", "left"), ("verified", "left")):
        table.add_column(column, justify=justify, no_wrap=column != "journal")  # type: ignore[arg-type]
    for venue in venues:
        table.add_row(Text(venue.id), Text(venue.journal), _figure(venue, "word_limit"),
                      _figure(venue, "max_references"), _figure(venue, "max_authors"), _window(venue),
                      venue.verified_on or "never")
    console.print(table)
