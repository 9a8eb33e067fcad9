"""The relevance set (tests/fixtures/relevance): real articles and the blocks a committee would choose.

Shared by tests/test_relevance_set.py (the files import, the labels name the library's blocks)
and bench/bench_relevance.py (precision at 5 of the ranking). labels.toml says how the blocks
were judged; the fixture folder's README says where each record came from.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent / "fixtures" / "relevance"
LABELS = FOLDER / "labels.toml"
LABELLED_KINDS = ("concern", "evidence")  # the blocks a committee chooses per article
VERDICTS = ("relevant", "wrong_for_design", "irrelevant")


@dataclass(frozen=True)
class LabelledArticle:
    """One article of the set: its record, the design a committee would name, and the labels."""

    path: Path
    design: str
    category: str
    verdicts: dict[str, list[str]] = field(default_factory=dict)  # verdict -> block ids
    reasons: dict[str, str] = field(default_factory=dict)  # block id -> why (the last verdict's)

    @property
    def name(self) -> str:
        return self.path.stem

    def ids(self, verdict: str) -> set[str]:
        """The block ids given ``verdict`` for this article."""
        return set(self.verdicts.get(verdict, []))


def load_set(path: Path = LABELS) -> list[LabelledArticle]:
    """The articles of labels.toml, in its order."""
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    articles = []
    for entry in data.get("article", []):
        verdicts = {verdict: list(entry.get(verdict, {})) for verdict in VERDICTS}
        reasons = {block_id: str(reason) for verdict in VERDICTS
                   for block_id, reason in entry.get(verdict, {}).items()}
        articles.append(LabelledArticle(path.parent / entry["file"], entry["design"], entry["category"],
                                        verdicts, reasons))
    return articles


def imported_article(labelled: LabelledArticle) -> tuple[Any, bool]:
    """The article as ``rebuttal import --article`` makes it, and whether its design was typed.

    A record whose publication types name no design (PubMed has none for a cohort study)
    imports with an empty design, and the outline keeps the design a person typed in the
    article form: here, the one labels.toml gives.
    """
    from rebuttal.refs.article import read_article

    article = read_article(labelled.path)
    if article.design.strip():
        return article, False
    article.design = labelled.design
    return article, True


def ranked_ids(library: Any, article: Any) -> list[str]:
    """The concern and evidence blocks that match ``article``, best first, as ``blocks --for`` ranks them."""
    from rebuttal.library.ranking import article_label, rank_library

    label = article_label(article.authors, article.date, article.title)
    ranking = rank_library(library, title=article.title, abstract=article.abstract, keywords=article.keywords,
                           design=article.design, label=label)
    return [r.info.id for r in ranking.ranked if r.score > 0 and r.info.kind in LABELLED_KINDS]


def precision_at(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    """Share of the first ``k`` of ``ranked`` that are relevant (fewer than ``k`` ranked count as misses)."""
    return sum(1 for block_id in ranked[:k] if block_id in relevant) / k
