"""Blocks ranked for an article: BM25 over the library index, ordered by what reads right for it.

The article's title, keywords and design (weighted twice) and its abstract are
matched with FTS5's ``bm25()`` against each block's title, summary, tags and
text (column weights below). Then the design and the subjects order them, in
three tiers, each by score:

1. blocks that fit: written for the article's design (a design tag of its
   family: see ``rebuttal.designs.written_for``), boosted, or naming no design;
2. blocks whose ``[applies]`` subject the article lacks (``when = ["sham"]`` and
   its title, abstract and keywords never mention a sham) or has (``unless``);
3. blocks written for other designs only (a review's block for a single trial).

Every entry says why (:meth:`Ranked.reasons`). Plain values in, so that this
module knows neither outlines nor the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rebuttal.designs import design_tags, family_of, written_for
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
    "number follow high one two three during before out whether several yet date ratio well first mean group "
    "groups respect needed relevant conducted enrolled patient"
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
    design: bool = False  # written for the article's design: the app's and the list's star
    written_for: str = ""  # the design tag it is written for the article by ("" when none)
    wording: str = ""  # the [wording.<family>] the letter will take ("" for its main wording)
    lacking: list[str] = field(default_factory=list)  # its [applies] when-subjects, none in the article
    excluded: list[str] = field(default_factory=list)  # its [applies] unless-subjects the article has
    other_designs: list[str] = field(default_factory=list)  # written for these, not the article's

    @property
    def tier(self) -> int:
        """0 fits, 1 misses a subject, 2 written for other designs only: the order before the score."""
        return 2 if self.other_designs else 1 if self.lacking or self.excluded else 0

    def reasons(self) -> str:
        """Why it ranks where it does: "written for: randomised trial (trial wording); matched: sham"."""
        parts = []
        if self.written_for:
            which = f" ({self.wording} wording)" if self.wording else ""
            parts.append(f"written for: {self.written_for}{which}")
        if self.other_designs:
            parts.append(f"written for other designs: {', '.join(self.other_designs)}")
        if self.lacking:
            parts.append(f"the article does not mention: {' or '.join(self.lacking)}")
        if self.excluded:
            parts.append(f"not for articles about: {', '.join(self.excluded)}")
        if self.terms:
            parts.append(f"matched: {', '.join(self.terms)}")
        return "; ".join(parts)


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
    family = family_of(design)
    article_text = _folded(" ".join([title, abstract, *keywords]))
    fitting: dict[tuple[str, ...], tuple[str, list[str]]] = {}  # many blocks share their tags
    for block_id, info in infos.items():
        if kind and info.kind != kind:
            continue
        fit = fitting.get(info.tags)
        if fit is None:
            tag = written_for(info.tags, design)
            others = [] if tag or not design.strip() else design_tags(info.tags)
            fit = fitting[info.tags] = (tag, others)
        tag, others = fit
        score = scores[block_id] + (DESIGN_BOOST * top if tag else 0.0)
        wording = family if family in info.wordings else ""
        lacking = list(info.applies_when) if info.applies_when and not any(
            _mentions(article_text, subject) for subject in info.applies_when) else []
        excluded = [subject for subject in info.applies_unless if _mentions(article_text, subject)]
        ranked.append(Ranked(info, score, [], bool(tag), tag, wording, lacking, excluded, others))
    ranked.sort(key=lambda r: (r.tier, -r.score, r.info.id))
    for entry in ranked[:EXPLAINED]:
        if entry.score:
            text = entry.info.search_text  # read from the index once per block
            matched = [t for t in all_terms if t in text]
            entry.terms = [t for t in matched if not any(t != other and t in other for other in matched)][:8]
    return Ranking(label, ranked)


def _folded(text: str) -> str:
    """Lower case, with each word also in its other spelling, for finding subjects."""
    words = text.lower().split()
    return " ".join(words + [american(w) for w in words] + [british(w) for w in words])


def _mentions(text: str, subject: str) -> bool:
    """True when ``text`` (folded) has ``subject`` at a word's start: "sham" finds "sham-controlled",
    "shams"; a subject of several words finds them in that order."""
    pattern = r"\b" + r"\W+".join(re.escape(word) for word in subject.lower().split())
    return re.search(pattern, text) is not None


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
