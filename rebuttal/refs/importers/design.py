"""The study design of an article from its publication types (MEDLINE ``PT``, RIS ``M3``...).

The designs are spelt as the library's block tags spell them ("randomised
trial", "network meta-analysis"), so ``{article.design}`` fills and the
library can rank the blocks written for that design.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Most specific first: a network meta-analysis is also a meta-analysis and a systematic review.
_DESIGNS = (
    ("network meta-analysis", "network meta-analysis"),
    ("meta-analysis", "meta-analysis"),
    ("systematic review", "systematic review"),
    ("randomized controlled trial", "randomised trial"),
    ("randomised controlled trial", "randomised trial"),
    ("controlled clinical trial", "controlled trial"),
    ("clinical trial", "clinical trial"),
    ("observational study", "observational study"),
    ("cohort study", "cohort study"),
    ("case-control study", "case-control study"),
    ("practice guideline", "guideline"),
    ("guideline", "guideline"),
    ("consensus development conference", "consensus statement"),
    ("case reports", "case report"),
    ("review", "review"),
)
# MeSH headings that name a design, for records whose publication types do not (PubMed has no
# "Cohort Study" publication type): used only when no publication type gives a design.
_HEADINGS = (
    ("cohort studies", "cohort study"),
    ("prospective studies", "cohort study"),
    ("retrospective studies", "cohort study"),
    ("case-control studies", "case-control study"),
    ("cross-sectional studies", "cross-sectional study"),
)
_NETWORK = re.compile(r"\bnetwork meta-?analys[ie]s\b", re.IGNORECASE)


def design_of(publication_types: Iterable[str], title: str = "", headings: Iterable[str] = ()) -> str:
    """The design named by the most specific publication type ("" when none names one).

    A title that says "network meta-analysis" makes a (systematic review or)
    meta-analysis a network meta-analysis: PubMed indexed those as
    meta-analyses before it had the type. MeSH ``headings`` ("Cohort Studies")
    name the design when no publication type does.
    """
    types = [" ".join(kind.lower().split()) for kind in publication_types]
    for name, design in _DESIGNS:
        if any(kind == name or kind.startswith(name + ",") for kind in types):
            if design in ("meta-analysis", "systematic review") and _NETWORK.search(title):
                return "network meta-analysis"
            return design
    terms = {" ".join(term.lower().split()) for term in headings}
    return next((design for name, design in _HEADINGS if name in terms), "")
