"""Study designs as people write them, matched whatever the spelling or the synonym.

"randomized clinical trial", "Randomised controlled trial" and "RCT" are all the
library's tag "randomised trial"; the app offers the designs the library knows,
and its ★ and the ranking use :func:`same_design`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# What a design is also called -> the name the library's tags use.
SYNONYMS = {
    "rct": "randomised trial",
    "randomised controlled trial": "randomised trial",
    "randomised clinical trial": "randomised trial",
    "randomised control trial": "randomised trial",
    "controlled trial": "randomised trial",
    "clinical trial": "randomised trial",
    "nma": "network meta-analysis",
    "network meta analysis": "network meta-analysis",
    "meta analysis": "meta-analysis",
    "systematic review and meta-analysis": "meta-analysis",
    "systematic review and network meta-analysis": "network meta-analysis",
    "cohort study": "cohort",
    "prospective cohort study": "cohort",
    "retrospective cohort study": "cohort",
    "observational": "observational study",
}
# Tags that are designs (others name topics): offered in the app's design field.
DESIGN_WORDS = ("trial", "meta-analysis", "review", "cohort", "case", "observational", "study")
_AMERICAN = re.compile(r"(?<=[a-z]{3})iz(e|ed|es|ing|ation|ations)\b")


@lru_cache(maxsize=4096)
def canonical_design(text: str) -> str:
    """One name for a design: lower case, British spelling, synonyms resolved."""
    key = " ".join(_AMERICAN.sub(r"is\1", text.lower().replace("(", " ").replace(")", " ")).split())
    key = key.rstrip(".")
    return SYNONYMS.get(key, key)


def same_design(tag: str, design: str) -> bool:
    """True when a block tag names the article's design, whatever the spelling or synonym."""
    return bool(design.strip()) and canonical_design(tag) == canonical_design(design)


def library_designs(tags: Iterable[str]) -> list[str]:
    """The designs among the library's tags, for the app to offer."""
    return sorted({tag for tag in tags if any(word in tag.lower() for word in DESIGN_WORDS)})
