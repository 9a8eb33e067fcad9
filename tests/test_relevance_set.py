"""The relevance set stays usable: its records import, its labels name the library's blocks.

The figures (precision at 5, blocks wrong for the design) are bench/bench_relevance.py's to
print; no test asserts them.
"""

from __future__ import annotations

import pytest

from rebuttal.designs import canonical_design
from rebuttal.library.stack import builtin_folder, load_library

from .relevance_set import (
    FOLDER,
    LABELLED_KINDS,
    VERDICTS,
    LabelledArticle,
    imported_article,
    load_set,
    precision_at,
    ranked_ids,
)

ARTICLES = load_set()
CATEGORIES = {
    "network meta-analysis", "sham-controlled trial", "trial without sham", "cohort study", "guideline",
}


@pytest.fixture(scope="module")
def library():
    return load_library([builtin_folder()])


def test_the_set_covers_the_designs_issue_21_names() -> None:
    assert len(ARTICLES) >= 5
    assert {article.category for article in ARTICLES} >= CATEGORIES
    assert sorted(path.name for path in FOLDER.glob("*.nbib")) == sorted(a.path.name for a in ARTICLES)


@pytest.mark.parametrize("labelled", ARTICLES, ids=lambda a: a.name)
def test_each_record_imports_as_the_article(labelled: LabelledArticle) -> None:
    article, typed = imported_article(labelled)
    assert article.title and article.abstract and article.authors and article.pmid and article.doi
    assert article.date[:4].isdigit()
    if not typed:  # a design the record names is the one the labels were written for
        assert canonical_design(article.design) == canonical_design(labelled.design)


@pytest.mark.parametrize("labelled", ARTICLES, ids=lambda a: a.name)
def test_every_concern_and_evidence_block_is_labelled_once(labelled: LabelledArticle, library) -> None:
    blocks = {info.id for info in library.block_infos() if info.kind in LABELLED_KINDS}
    labelled_ids = [block_id for verdict in VERDICTS for block_id in labelled.verdicts[verdict]]
    unknown = sorted(set(labelled_ids) - blocks)
    assert unknown == [], f"{labelled.name}: labels name blocks the library does not have"
    twice = sorted({block_id for block_id in labelled_ids if labelled_ids.count(block_id) > 1})
    assert twice == [], f"{labelled.name}: blocks with two verdicts"
    missing = sorted(blocks - set(labelled_ids))
    assert missing == [], f"{labelled.name}: label these blocks in {FOLDER / 'labels.toml'}"
    assert all(reason.strip() for reason in labelled.reasons.values())


def test_precision_counts_the_first_five_and_missing_places_as_misses() -> None:
    relevant = {"a", "b", "c"}
    assert precision_at(["a", "x", "b", "y", "d", "c"], relevant) == pytest.approx(0.4)
    assert precision_at(["a", "b"], relevant) == pytest.approx(0.4)
    assert precision_at(["x", "a", "b", "c"], relevant, k=2) == pytest.approx(0.5)


def test_the_ranking_offers_only_concern_and_evidence_blocks(library) -> None:
    kinds = {info.id: info.kind for info in library.block_infos()}
    article, _ = imported_article(ARTICLES[0])
    ranked = ranked_ids(library, article)
    assert len(ranked) >= 5 and {kinds[block_id] for block_id in ranked} <= set(LABELLED_KINDS)
