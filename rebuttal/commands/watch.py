"""``rebuttal watch``: ask PubMed and Crossref what became of the articles answered and the works cited.

Exit status: 0 nothing needs attention, 1 something does (a comment or a correction of an article
answered, a retracted or corrected work still cited by approved blocks), 2 bad input or no network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from rebuttal.commands.common import add_library_option, date_argument
from rebuttal.errors import Exit

MAX_AGE_SECONDS = 20 * 3600  # a kept answer younger than this is not asked for again (daily runs ask anew)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "Ask PubMed (E-utilities; REBUTTAL_EUTILS_URL) and Crossref (REBUTTAL_CROSSREF_URL) about the "
        "articles the recorded letters answer (comments and replies, ours included; corrections, "
        "expressions of concern, retractions, updates) and every reference of the library's bibliography "
        "(retracted or corrected works, with the blocks citing them; `rebuttal library lint` then flags "
        "those blocks). What it finds is kept in the library folder's letters/watch.toml. Exit status: "
        "0 nothing needs attention, 1 something does, 2 bad input or no network. See docs/record.md."
    )
    parser.add_argument("--refresh", action="store_true",
                        help="ask again even when an answer is less than 20 hours old")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--today", type=date_argument, help=argparse.SUPPRESS)
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Ask, keep what is new, print it; 1 when something needs attention."""
    from rebuttal.library.stack import library_folders, load_library
    from rebuttal.record.letters import load_letters, record_folder
    from rebuttal.record.notices import keep_notices, load_notices
    from rebuttal.record.watch import as_kept, watch

    today = args.today or dt.date.today()
    folders = library_folders(args.library)
    library = load_library(folders)
    report = watch(folders, load_letters(folders), library.bibliography, load_notices(folders),
                   max_age=0 if args.refresh else MAX_AGE_SECONDS, today=today)
    found = [as_kept(n.notice, "article", n.target.pmid or n.target.doi.lower(), today)
             for n in report.articles if n.new]
    found += [as_kept(n.notice, "reference", n.key, today) for n in report.references if n.new]
    if found:
        keep_notices(record_folder(folders), found)
    if args.json:
        _print_json(report)
    else:
        _print(report)
    return Exit.SOMETHING_TO_REVIEW if report.needs_attention else Exit.OK


def _print(report) -> None:
    for news in report.articles:
        letters = ", ".join(letter.id for letter in news.letters)
        if news.ours is not None:
            what = f"our letter {news.ours.id} is published as a comment"
        elif news.reply is not None:
            what = f"the reply recorded for {news.reply.id}"
        else:
            what = (f"{news.notice.kind} published" if news.notice.kind != "comment" else
                    "a comment or reply published (not ours; the authors' reply? `rebuttal letters set ID "
                    "--reply PMID`)")
        mark = "NEW " if news.needs_attention else ""
        print(f"{mark}article {news.target.short} (answered by {letters}): {what}: {news.notice.citation}")
    for news in report.references:
        mark = "NEW " if news.new else ""
        cited = ", ".join(news.blocks) or "no block"
        waiting = f"; waiting for the committee: {', '.join(news.waiting)}" if news.waiting else ""
        print(f"{mark}reference {news.key}: {news.notice.kind.upper()}: {news.notice.citation}; "
              f"cited by {cited}{waiting}")
    attention = sum(n.needs_attention for n in (*report.articles, *report.references))
    print(f"asked about {report.asked_articles} articles answered and {report.asked_references} references"
          + (f" ({len(report.not_asked)} without PMID or DOI not asked)" if report.not_asked else "")
          + f"; {attention} need attention", file=sys.stderr)


def _print_json(report) -> None:
    payload = {
        "needs_attention": report.needs_attention,
        "articles": [{"target": vars(n.target), "letters": [letter.id for letter in n.letters],
                      "kind": n.notice.kind, "notice": n.notice.citation, "pmid": n.notice.pmid,
                      "doi": n.notice.doi, "ours": n.ours.id if n.ours else None,
                      "reply": n.reply.id if n.reply else None, "new": n.new,
                      "needs_attention": n.needs_attention} for n in report.articles],
        "references": [{"key": n.key, "kind": n.notice.kind, "notice": n.notice.citation,
                        "pmid": n.notice.pmid, "doi": n.notice.doi, "blocks": list(n.blocks),
                        "waiting": list(n.waiting), "new": n.new, "needs_attention": n.needs_attention}
                       for n in report.references],
        "asked": {"articles": report.asked_articles, "references": report.asked_references},
        "not_asked": report.not_asked,
    }
    json.dump(payload, sys.stdout, indent=2)
    sys.stdout.write("\n")
