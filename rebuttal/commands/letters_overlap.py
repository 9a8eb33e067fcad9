"""``rebuttal letters overlap OUTLINE``: the passages a letter shares with recorded letters, and remedies.

For each shared passage, what the committee's library offers instead: the block's short variant, another
approved wording of the block (an earlier or later version in its git history), or a line disclosing the
reuse, as COPE's text-recycling guidance asks ("This letter draws on the society's statement of ...").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from rebuttal.errors import Exit


def print_overlap(args: argparse.Namespace) -> Exit:
    """Print the passages (or JSON); 0 when the letter is within the venue's ``max_overlap``, 1 otherwise."""
    from rebuttal.commands.common import open_letter
    from rebuttal.letter.check_overlap import letter_overlap
    from rebuttal.letter.venue_choice import resolve_venue
    from rebuttal.record.overlap import DEFAULT_MAX_OVERLAP

    library, outline, document = open_letter(args)
    venue = resolve_venue(library, outline, None)
    allowed = venue.max_overlap or DEFAULT_MAX_OVERLAP
    overlap = letter_overlap(library, outline, document)
    letters = {shared.letter.id: shared.letter for shared in overlap.by_letter}
    passages = []
    for passage in overlap.passages:
        item = outline.body[passage.key] if isinstance(passage.key, int) else None
        where = (item.block or f"custom text {passage.key + 1}") if item is not None else "?"
        passages.append({
            "where": where, "words": passage.end - passage.start, "text": passage.text,
            "letters": [letters[lid].named() for lid in passage.letters],
            "remedies": _remedies(library, item, [letters[lid] for lid in passage.letters]),
        })
    ok = overlap.percent <= allowed
    if args.json:
        json.dump({"outline": str(args.outline), "percent": round(overlap.percent, 1), "allowed": allowed,
                   "ok": ok, "words": overlap.total_words, "shared_words": overlap.shared_words,
                   "letters": [{"id": s.letter.id, "named": s.letter.named(), "percent": round(s.percent, 1)}
                               for s in overlap.by_letter],
                   "passages": passages}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return Exit.OK if ok else Exit.SOMETHING_TO_REVIEW
    if not overlap.total_words:
        print(f"{args.outline}: nothing to compare: no letters on record (rebuttal letters add records one)")
        return Exit.OK
    print(f"{args.outline}: {overlap.percent:.0f}% of {overlap.total_words} words stand in runs shared with "
          f"recorded letters (allowed {allowed}% at {venue.id or 'no venue'})")
    for shared in overlap.by_letter:
        print(f"  {shared.letter.named()} ({shared.letter.id}): {shared.words} words, {shared.percent:.0f}%")
    for passage in passages:
        print(f"\n{passage['where']}: {passage['words']} words shared with {'; '.join(passage['letters'])}")
        print(f"  \"{_shorten(passage['text'])}\"")
        for remedy in passage["remedies"]:
            print(f"  - {remedy}")
    if not passages:
        print("nothing shared with recorded letters")
    return Exit.OK if ok else Exit.SOMETHING_TO_REVIEW


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 5].rsplit(" ", 1)[0] + " ..."


def _remedies(library, item, letters) -> list[str]:
    """What to do about one shared passage: shorter or other approved wording, or say so."""
    remedies = []
    block = library.block(item.block) if item is not None and item.block else None
    if block is not None and not item.text:
        if block.short and item.variant != "short":
            remedies.append(f"use the block's short variant (variant = \"short\" in the outline; "
                            f"{len(block.short.split())} words)")
        others = _other_wordings(block, item.version or block.version)
        if others:
            remedies.append(f"use another approved wording of {block.id}: v{', v'.join(others)} "
                            f"(`rebuttal library diff {block.id} --from V`)")
    elif item is not None and item.text:
        remedies.append("reword this custom text")
    for letter in letters:
        remedies.append(f"disclose the reuse: \"{disclosure_line(letter)}\"")
    return remedies


def _other_wordings(block, used: str) -> list[str]:
    """Approved versions of ``block`` in its git history other than the one the letter uses."""
    from rebuttal.library.history import revisions

    return sorted({rev.version for rev in revisions(block)
                   if rev.version and rev.version != used and rev.status == "approved"})


def disclosure_line(letter) -> str:
    """``This letter draws on the society's statement of concern of 10 March 2025 on Wang 2025.``"""
    sent = dt.date.fromisoformat(letter.sent)
    what = (letter.title or "letter").lower()
    return f"This letter draws on the society's {what} of {sent.day} {sent:%B %Y} on {letter.target}."
