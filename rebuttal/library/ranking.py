"""Blocks ranked for an article: BM25 over the library index, boosted by the article's design.

The article's title, keywords and design (weighted twice) and its abstract are
matched with FTS5's ``bm25()`` against each block's title, summary, tags and
text (column weights below); blocks whose tags name the article's design
(spelling variants agree: randomized/randomised) get a boost. Plain values
in, so that this module knows neither outlines nor the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rebuttal.designs import canonical_design
from rebuttal.library.index import BlockIndex, BlockInfo
from rebuttal.library.stack import Library
from rebuttal.text.spelling import american, british

COLUMN_WEIGHTS = (4.0, 2.0, 3.0, 1.0)  # title, summary, tags, text
HEADLINE_WEIGHT = 2.0  # title, keywords and design count twice the abstract
DESIGN_BOOST = 0.5  # share of the best text score a design-matching tag adds
MAX_TERMS = 60
EXPLAINED = 300  # the matched words are listed for the best blocks only
_WORD = re.compile(r"[a-z][a-z0-9]+(?:-[a-z0-9]+)*")
_STOPWORD_TEXT = (
    "a an and are as at be been between by can could did do does for from had has have in into is it its "
    "may more most no not of on or our over than that the their them there these this those through to "
    "was we were what when which while who will with within without after among both each other such "
    "using use used vs versus study studies patients results conclusions methods background objective "
    "objectives design setting participants interventions main outcome outcomes measures importance "
    "data who per also however compared based non but all any time included effect effects low short final "
    "number follow high one two three during before"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def terms_of(text: str) -> list[str]:
    """The words of ``text`` worth matching, in order, each once (with its other spelling)."""
    terms: list[str] = []
    for word in _WORD.findall(text.lower()):
        for part in {word, *word.split("-")} if "-" in word else {word}:
            if len(part) < 3 or part in _STOPWORDS or part.isdigit():
                continue
            for variant in (part, american(part), british(part)):
                if variant not in terms:
                    terms.append(variant)
    return terms


@dataclass
class Ranked:
    """One block's place in the ranking, and why."""

    info: BlockInfo
    score: float
    terms: list[str] = field(default_factory=list)
    design: bool = False


@dataclass
class Ranking:
    """Blocks best first for one article."""

    label: str
    ranked: list[Ranked]

    def best(self, count: int) -> list[Ranked]:
        """The first ``count`` with any match at all."""
        return [r for r in self.ranked if r.score > 0][:count]


def _match(terms: list[str]) -> str:
    return " OR ".join(f'"{term}"' for term in terms[:MAX_TERMS])


def rank_blocks(index: BlockIndex, infos: dict[str, BlockInfo], *, title: str, abstract: str = "",
                keywords: list[str] | tuple[str, ...] = (), design: str = "", kind: str | None = None,
                label: str = "") -> Ranking:
    """Every block of ``infos`` (id -> summary, the stack's current blocks), best match first."""
    headline = terms_of(" ".join([title, *keywords, design]))
    body = [term for term in terms_of(abstract) if term not in headline]
    scores: dict[str, float] = dict.fromkeys(infos, 0.0)
    wanted = {str(info.path): block_id for block_id, info in infos.items()}
    for terms, weight in ((headline, HEADLINE_WEIGHT), (body, 1.0)):
        if not terms:
            continue
        for row in index.bm25(_match(terms), COLUMN_WEIGHTS):
            if wanted.get(row["path"]) == row["block_id"]:
                scores[row["block_id"]] += weight * row["score"]
    top = max(scores.values(), default=0.0) or 1.0
    ranked = []
    all_terms = headline + body
    wanted_design = canonical_design(design) if design.strip() else None
    suiting: dict[tuple[str, ...], bool] = {}  # many blocks share their tags
    for block_id, info in infos.items():
        if kind and info.kind != kind:
            continue
        suits = suiting.get(info.tags)
        if suits is None:
            suits = suiting[info.tags] = wanted_design is not None and any(
                canonical_design(tag) == wanted_design for tag in info.tags)
        score = scores[block_id] + (DESIGN_BOOST * top if suits else 0.0)
        ranked.append(Ranked(info, score, [], suits))
    ranked.sort(key=lambda r: (-r.score, r.info.id))
    for entry in ranked[:EXPLAINED]:
        if entry.score:
            text = entry.info.search_text  # read from the index once per block
            matched = [t for t in all_terms if t in text]
            entry.terms = [t for t in matched if not any(t != other and t in other for other in matched)][:8]
    return Ranking(label, ranked)


def article_label(authors: list[str] | tuple[str, ...], date: str, title: str = "") -> str:
    """'Juch 2017': first author's family name and year (the title's start when there is no author)."""
    family = ""
    if authors:
        first = authors[0]
        family = first.split(",")[0].strip() if "," in first else first.split()[0] if first.split() else ""
    year = str(date)[:4] if date else ""
    if not family:
        family = " ".join(title.split()[:4])
    return " ".join(part for part in (family, year) if part)


def rank_library(library: Library, *, title: str, abstract: str = "",
                 keywords: list[str] | tuple[str, ...] = (), design: str = "", kind: str | None = None,
                 label: str = "") -> Ranking:
    """The library's blocks ranked for an article given by its plain fields."""
    return rank_blocks_for(library, library.block_infos(), title=title, abstract=abstract, keywords=keywords,
                           design=design, kind=kind, label=label)


def rank_blocks_for(library: Library, blocks: list[BlockInfo], *, title: str, abstract: str = "",
                    keywords: list[str] | tuple[str, ...] = (),
                 design: str = "", kind: str | None = None, label: str = "") -> Ranking:
    """``blocks`` (summaries of the library's blocks) ranked for an article given by its plain fields."""
    infos = {info.id: info for info in blocks}
    if library.index is None or library.index.connection is None:
        index = BlockIndex([], lambda path, block_id: None, location=None)
        index.connection = index._open_memory("")
    else:
        index = library.index
    return rank_blocks(index, infos, title=title, abstract=abstract, keywords=keywords, design=design,
                       kind=kind, label=label)
