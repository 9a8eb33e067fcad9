"""Benchmark of relevance (issue 21): precision at 5 of the ranking on real articles of several designs.

Run:  python3 bench/bench_relevance.py [--top N]

For each article of tests/fixtures/relevance/labels.toml (a network meta-analysis, a
meta-analysis, a guideline, sham-controlled trials, trials without sham, a cohort study):
imports its PubMed record as ``rebuttal import --article`` does (the design from its
publication types; a record that names none keeps the design labels.toml gives, as a person
would type it in the article form, marked "typed"), ranks the shipped library for it as
``rebuttal blocks --for`` does, and takes the first five concern and evidence blocks. Prints
per article the precision at 5 (share of the five a committee would choose), the best the
labels allow (fewer than five relevant blocks cap it), the precision when the article has its
title alone (as one typed in the article form, which has no abstract or keywords, is ranked),
the number that read wrong for the design (by the labels, and by ``library lint``'s test: review
words such as "pooled" or "included trials" in the wording a single study's letter takes), and the
five themselves (+ relevant, ! wrong for the design, . neither; * after one whose wording lint
flags); then the overall figures beside the targets: precision at 5 >= 0.8 on average, no block
that reads wrong for the design in any top 5.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rebuttal.designs import SINGLE_STUDY_FAMILIES, family_of  # noqa: E402
from rebuttal.library.design_fit import built_text, review_words  # noqa: E402
from rebuttal.library.stack import builtin_folder, load_library  # noqa: E402
from tests.relevance_set import (  # noqa: E402
    LabelledArticle,
    imported_article,
    load_set,
    precision_at,
    ranked_ids,
)

TARGET_PRECISION = 0.8
TARGET_WRONG = 0
MARKS = {"relevant": "+", "wrong_for_design": "!", "irrelevant": "."}


def main() -> int:
    """Print the figures per article and overall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5, help="how many ranked blocks count (default 5)")
    top = max(parser.parse_args().top, 1)
    library = load_library([builtin_folder()])
    articles = load_set()
    precisions, ceilings, title_only, wrong_total, lint_total = [], [], [], 0, 0
    print(f"{'article':<12} {'category':<22} {'design':<28} P@{top:<3} best  title  wrong  lint  top {top}")
    for labelled in articles:
        article, typed = imported_article(labelled)
        ranked = ranked_ids(library, article)[:top]
        relevant = labelled.ids("relevant")
        precision = precision_at(ranked, relevant, top)
        ceiling = min(len(relevant), top) / top
        bare = dataclasses.replace(article, abstract="", keywords=[])
        title_only.append(precision_at(ranked_ids(library, bare)[:top], relevant, top))
        wrong = sum(1 for block_id in ranked if block_id in labelled.ids("wrong_for_design"))
        flagged = {block_id for block_id in ranked if _reads_as_review(library, block_id, article.design)}
        precisions.append(precision)
        ceilings.append(ceiling)
        wrong_total += wrong
        lint_total += len(flagged)
        design = article.design + (" (typed)" if typed else "")
        shown = "  ".join(f"{_mark(labelled, block_id)}{block_id.split('/', 1)[-1]}"
                          f"{'*' if block_id in flagged else ''}" for block_id in ranked)
        print(f"{labelled.name:<12} {labelled.category:<22} {design:<28} {precision:4.2f}  {ceiling:4.2f}"
              f"  {title_only[-1]:5.2f}  {wrong:>5}  {len(flagged):>4}  {shown}")
    overall = statistics.mean(precisions)
    print()
    print(f"overall precision at {top}: {overall:.2f} (target >= {TARGET_PRECISION}; the labels allow "
          f"{statistics.mean(ceilings):.2f}) over {len(articles)} articles; "
          f"{statistics.mean(title_only):.2f} from the titles alone")
    print(f"blocks that read wrong for the design among the top {top}: {wrong_total} by the labels, "
          f"{lint_total} by lint's review words (target {TARGET_WRONG})")
    met = overall >= TARGET_PRECISION and wrong_total <= TARGET_WRONG and lint_total <= TARGET_WRONG
    print("targets met" if met else "targets not met")
    return 0


def _reads_as_review(library: object, block_id: str, design: str) -> bool:
    """True when a single study's letter would take review words from this block (lint's test)."""
    if family_of(design) not in SINGLE_STUDY_FAMILIES:
        return False
    block = library.block(block_id)  # type: ignore[attr-defined]
    texts = (block.variant_text(variant, design) for variant in ("full", "short"))
    return any(review_words(built_text(text, design)) for text in texts)


def _mark(labelled: LabelledArticle, block_id: str) -> str:
    for verdict, mark in MARKS.items():
        if block_id in labelled.ids(verdict):
            return mark
    return "?"  # a block the labels do not know: tests/test_relevance_set.py fails until it is labelled


if __name__ == "__main__":
    raise SystemExit(main())
