"""Study designs: one table from what a design is called to the library's tag for it.

The library's blocks are tagged with designs ("randomised trial", "network
meta-analysis"). An article's design comes from a person (the app's design
field: "randomized clinical trial", "RCT") or from an imported record (MEDLINE
publication types such as "Controlled Clinical Trial", RIS ``M3``, Web of
Science ``DT``, MeSH headings such as "Cohort Studies"). Every one of them
comes out as the library's tag, so ``{article.design}`` reads as the blocks'
own words, the app's ★ and the ranking match with :func:`same_design`, and the
app offers the designs the library knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rebuttal.text.spelling import british

# What a design is also called -> the library's tag (British spelling, lower case: see canonical_design).
SYNONYMS = {
    "rct": "randomised trial",
    "randomised controlled trial": "randomised trial",
    "randomised clinical trial": "randomised trial",
    "randomised control trial": "randomised trial",
    "controlled trial": "randomised trial",
    "controlled clinical trial": "randomised trial",
    "clinical trial": "randomised trial",
    "nma": "network meta-analysis",
    "network meta analysis": "network meta-analysis",
    "meta analysis": "meta-analysis",
    "systematic review and meta-analysis": "meta-analysis",
    "systematic review and network meta-analysis": "network meta-analysis",
    # "cohort study", as the other observational designs are "... study": the design fills
    # prose ("this {article.design}"), where "this cohort" would name the people, not the design.
    "cohort": "cohort study",
    "prospective cohort study": "cohort study",
    "retrospective cohort study": "cohort study",
    "observational": "observational study",
    "practice guideline": "guideline",
    "consensus development conference": "consensus statement",
    "case reports": "case report",
}
# Publication types (MEDLINE PT, RIS M3, WoS DT) that name a design, most specific first: a
# network meta-analysis is also a meta-analysis and a systematic review. Each gives the tag that
# canonical_design gives its name.
PUBLICATION_TYPES = (
    "network meta-analysis",
    "meta-analysis",
    "systematic review",
    "randomized controlled trial",
    "randomised controlled trial",
    "controlled clinical trial",
    "clinical trial",
    "observational study",
    "cohort study",
    "case-control study",
    "practice guideline",
    "guideline",
    "consensus development conference",
    "case reports",
    "review",
)
# MeSH headings that name a design, for records whose publication types do not (PubMed has no
# "Cohort Study" publication type): used only when no publication type gives a design.
HEADINGS = {
    "cohort studies": "cohort study",
    "prospective studies": "cohort study",
    "retrospective studies": "cohort study",
    "case-control studies": "case-control study",
    "cross-sectional studies": "cross-sectional study",
}
# Tags that are designs (others name topics): offered in the app's design field.
DESIGN_WORDS = ("trial", "meta-analysis", "review", "cohort", "case", "observational", "study")
_NETWORK = re.compile(r"\bnetwork meta-?analys[ie]s\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def canonical_design(text: str) -> str:
    """The library's tag for a design: lower case, British spelling, synonyms resolved."""
    key = " ".join(british(text.lower().replace("(", " ").replace(")", " ")).split())
    key = key.rstrip(".")
    return SYNONYMS.get(key, key)


def same_design(tag: str, design: str) -> bool:
    """True when a block tag names the article's design, whatever the spelling or synonym."""
    return bool(design.strip()) and canonical_design(tag) == canonical_design(design)


def library_designs(tags: Iterable[str]) -> list[str]:
    """The designs among the library's tags, for the app to offer."""
    return sorted({tag for tag in tags if any(word in tag.lower() for word in DESIGN_WORDS)})


def design_of(publication_types: Iterable[str], title: str = "", headings: Iterable[str] = ()) -> str:
    """The library's tag for the most specific design the publication types name ("" when none does).

    A title that says "network meta-analysis" makes a (systematic review or)
    meta-analysis a network meta-analysis: PubMed indexed those as
    meta-analyses before it had the type. MeSH ``headings`` ("Cohort Studies")
    name the design when no publication type does.
    """
    types = [" ".join(kind.lower().split()) for kind in publication_types]
    for name in PUBLICATION_TYPES:
        if any(kind == name or kind.startswith(name + ",") for kind in types):
            design = canonical_design(name)
            if design in ("meta-analysis", "systematic review") and _NETWORK.search(title):
                return "network meta-analysis"
            return design
    terms = {" ".join(term.lower().split()) for term in headings}
    return next((design for name, design in HEADINGS.items() if name in terms), "")


# Design families: the designs whose letters can share one wording. A block writes its main
# wording for the designs it was first written for and, in ``[wording.<family>]`` tables, the
# wording for another family; the letter takes the wording of its article's family.
FAMILIES: dict[str, tuple[str, ...]] = {
    "review": ("systematic review", "meta-analysis", "network meta-analysis", "review"),
    "trial": ("randomised trial", "sham-controlled trial", "non-randomised trial", "crossover trial"),
    "observational": ("cohort study", "case-control study", "cross-sectional study", "observational study",
                      "case series", "case report"),
    "guideline": ("guideline", "consensus statement"),
}
# Families that report one study of patients: they pool, include or compare no trials.
SINGLE_STUDY_FAMILIES = ("trial", "observational")


@lru_cache(maxsize=4096)
def family_of(design: str) -> str:
    """The family of a design ("review", "trial", "observational", "guideline"), "" when none."""
    if not design.strip():
        return ""
    tag = canonical_design(design)
    return next((name for name, designs in FAMILIES.items() if tag in designs), "")


def design_tags(tags: Iterable[str]) -> list[str]:
    """The tags among ``tags`` that name a design of a family (in their order)."""
    return [tag for tag in tags if family_of(tag)]


def written_for(tags: Iterable[str], design: str) -> str:
    """The tag by which a block is written for the article's ``design`` ("" when none is).

    The same design first; failing that, a design of the same family (a block for
    meta-analyses reads right for a network meta-analysis).
    """
    if not design.strip():
        return ""
    tags = list(tags)
    same = next((tag for tag in tags if same_design(tag, design)), "")
    if same:
        return same
    family = family_of(design)
    return next((tag for tag in tags if family and family_of(tag) == family), "")
