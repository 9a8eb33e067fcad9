"""``rebuttal blocks``: the library's blocks, filtered; ``rebuttal blocks show ID``: one block.

The list is a table in a wide terminal, and one line per block when the
terminal is narrow or the output goes to a pipe (ids are never cut: they are
what people copy into outlines); ``--json`` is for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys

from rebuttal.commands.common import add_library_option, open_library
from rebuttal.errors import Exit
from rebuttal.library.stack import BLOCK_KINDS, Block

WIDE_ENOUGH = 100  # columns below which the table would fold titles into many lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "List the library's blocks (filtered by QUERY), or `rebuttal blocks show ID` to read "
        "one block: its text, short variant and metadata, its wording per design family and, with "
        "--for OUTLINE or --design, which wording the letter takes and why."
    )
    parser.add_argument("query", nargs="*", default=[],
                        help="filter by words in id, title, tags or text; or: show ID")
    parser.add_argument("--kind", choices=BLOCK_KINDS, help="only blocks of this kind")
    parser.add_argument("--json", action="store_true", help="print JSON (for scripts)")
    parser.add_argument("--for", dest="for_outline", metavar="OUTLINE",
                        help="rank the blocks for this outline's article (title, abstract, keywords, design)")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="with --for: how many to print (20)")
    parser.add_argument("--design", metavar="DESIGN",
                        help="with show: say which wording a letter about an article of this design takes")
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Print the list (0; 1 when a query matched nothing), or one block."""
    library = open_library(args)
    words = list(args.query)
    if words[:1] == ["show"] and len(words) == 2:
        design = args.design
        if design is None and args.for_outline:
            from pathlib import Path

            from rebuttal.letter.outline import load_outline

            design = load_outline(Path(args.for_outline)).article.design
        return _show(library, words[1], as_json=args.json, design=design)
    if args.for_outline:
        return _ranked(library, args)
    from rebuttal.library.search import filter_blocks

    query = " ".join(words)
    blocks = filter_blocks(library.block_infos(), query, kind=args.kind)
    if args.json:
        print(json.dumps([_summary(block) for block in blocks], indent=2, ensure_ascii=False))
    else:
        _print_list(blocks, len(library.blocks))
    return Exit.OK if blocks or not query else Exit.SOMETHING_TO_REVIEW


def _ranked(library: object, args: argparse.Namespace) -> Exit:
    """The blocks ranked for an outline's article, with the words that matched."""
    from pathlib import Path

    from rebuttal.letter.outline import load_outline
    from rebuttal.library.ranking import article_label, rank_library

    article = load_outline(Path(args.for_outline)).article
    label = article_label(article.authors, article.date, article.title)
    ranking = rank_library(library, title=article.title, abstract=article.abstract,  # type: ignore[arg-type]
                           keywords=article.keywords, design=article.design, kind=args.kind, label=label)
    best = ranking.best(max(args.top, 0))
    if args.json:
        print(json.dumps({"ranked_for": label, "design": article.design, "blocks": [
            {"id": r.info.id, "kind": r.info.kind, "title": r.info.title, "score": round(r.score, 3),
             "design": r.design, "written_for": r.written_for, "wording": r.wording or "main",
             "lacking": r.lacking, "excluded": r.excluded, "other_designs": r.other_designs,
             "terms": r.terms, "reasons": r.reasons()} for r in best]}, indent=2, ensure_ascii=False))
        return Exit.OK
    width = max((len(r.info.id) for r in best), default=0)
    design = f" ({article.design})" if article.design else " (no design given: fill in the article's design)"
    sys.stdout.write(f"ranked for {label or 'the article'}{design}; ★ written for its design\n")
    for place, r in enumerate(best, 1):
        star = "★" if r.design else " "
        line = f"{place:>3}. {star} {r.info.id:<{width}}  {r.score:6.2f}  {r.reasons()}"
        sys.stdout.write(line.rstrip() + "\n")
    if not best:
        sys.stderr.write("no block matches the article (fill in its title, abstract or keywords)\n")
    return Exit.OK


def _summary(block: Block) -> dict[str, object]:
    return {
        "id": block.id, "kind": block.kind, "status": block.status, "version": block.version,
        "title": block.title, "tags": list(block.tags), "short": bool(block.short),
        "summary": block.summary, "path": str(block.path) if block.path else None,
    }


def _print_list(blocks: list[Block], total: int) -> None:
    from rich.console import Console

    console = Console()
    if not console.is_terminal or console.width < WIDE_ENOUGH:
        # One line a block, whole ids first: readable in a narrow window, greppable in a pipe.
        width = max((len(block.id) for block in blocks), default=0)
        for block in blocks:
            short = "+short" if block.short else ""
            line = (f"{block.id:<{width}}  {block.kind:<10} {block.status:<8} {block.version:<5}"
                    f"{short:<7} {block.title}")
            sys.stdout.write(line.rstrip() + "\n")
        sys.stderr.write(f"{len(blocks)} of {total} blocks\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(blocks)} of {total} blocks")
    table.add_column("id", no_wrap=True)  # ids are what people copy into outlines: never fold them
    for column in ("kind", "status", "version", "title", "tags"):
        table.add_column(column, overflow="fold")
    for block in blocks:
        short = " +short" if block.short else ""
        table.add_row(
            block.id, block.kind, block.status, block.version + short, block.title, ", ".join(block.tags)
        )
    console.print(table)


def _show(library: object, block_id: str, *, as_json: bool, design: str | None = None) -> Exit:
    """One block: metadata, full text and short variant, its wordings per design family, as written in the
    library; with ``design``, which wording a letter about such an article takes, and why."""
    from rebuttal.errors import RebuttalError
    from rebuttal.library.design_fit import wording_choice

    block = library.block(block_id)  # type: ignore[attr-defined]
    if block is None:
        guess = library.closest_block_id(block_id)  # type: ignore[attr-defined]
        hint = f" (did you mean '{guess}'?)" if guess else ""
        raise RebuttalError(f"unknown block '{block_id}'{hint}", field="blocks show")
    chosen = wording_choice(block, design) if design is not None else ""
    if as_json:
        print(json.dumps({**_summary(block), "text": block.text, "short_text": block.short,
                          "approved_by": block.approved_by, "approved_on": block.approved_on,
                          "wordings": {w.family: {"text": w.text, "short_text": w.short}
                                       for w in block.wordings},
                          "applies": {"when": list(block.applies_when), "unless": list(block.applies_unless)},
                          **({"design": design, "wording": block.wording_for(design).family or "main",
                              "why": chosen} if design is not None else {})},
                         indent=2, ensure_ascii=False))
        return Exit.OK
    lines = [
        f"{block.id}: {block.title}",
        f"kind {block.kind}, version {block.version or '-'}, {block.status}"
        + (f" by {block.approved_by} on {block.approved_on}" if block.approved_by else ""),
    ]
    if block.tags:
        lines.append("tags: " + ", ".join(block.tags))
    if block.summary:
        lines.append("summary: " + block.summary)
    if block.path:
        lines.append(f"file: {block.path}")
    if block.applies_when or block.applies_unless:
        lines.append("applies: " + "; ".join(filter(None, (
            block.applies_when and "when the article mentions " + " or ".join(block.applies_when),
            block.applies_unless and "unless it mentions " + " or ".join(block.applies_unless)))))
    lines.append(f"wordings: main{''.join(', ' + w.family for w in block.wordings)}")
    if chosen:
        lines.append(chosen)
    lines += ["", "Text:", block.text.strip()]
    lines += ["", "Short variant:", block.short.strip()] if block.short else ["", "Short variant: none"]
    for wording in block.wordings:
        heading = f"Text for {_family_names(wording.family)} [wording.{wording.family}]:"
        lines += ["", heading, wording.text.strip(), ""]
        lines += ["Short variant:", wording.short.strip()] if wording.short else ["Short variant: none"]
    sys.stdout.write("\n".join(lines) + "\n")
    return Exit.OK


def _family_names(family: str) -> str:
    from rebuttal.designs import FAMILIES

    return ", ".join(FAMILIES[family])
