"""Does a block read right for every design it is tagged for? (``rebuttal library lint``)

A block tagged ``randomised trial`` is offered for trials and starred for them; the
wording a trial's letter takes (its ``[wording.trial]``, else its main wording) is
built here with ``{article.design}`` filled in as that design, and searched for
words that only a review can be about: pooled results, included trials, a
meta-analysis. Domain code: it returns what it finds, ``committee.lint`` words it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rebuttal.designs import (
    FAMILIES,
    SINGLE_STUDY_FAMILIES,
    canonical_design,
    design_tags,
    family_of,
    written_for,
)
from rebuttal.text.markup import MarkupError, Placeholder, Run, parse_text

if TYPE_CHECKING:
    from rebuttal.library.stack import Block

# What only a review (systematic review, meta-analysis) is about: never in the wording for one study.
REVIEW_WORDS = re.compile(
    r"\b(?:pool(?:s|ed|ing)?|meta-?analys[ie]s|meta-?regressions?|evidence synthes[ie]s|systematic reviews?"
    r"|(?:included|combined|eligible|excluded) (?:trials|studies)"
    r"|(?:trials|studies) (?:it |they )?(?:included|combined|pooled|admitted)"
    r"|across (?:the )?(?:trials|studies)|funnel plots?|indirect (?:comparisons?|estimates?)|transitivity"
    r"|small-study effects?|analy[sz]e (?:the )?trials"
    r"|(?:trials|comparators) (?:be )?(?:classified|analy[sz]ed)(?: and analy[sz]ed)?"
    r" separately)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Misfit:
    """One wording that cannot fit a design the block is tagged for."""

    field: tuple[str, ...]  # ("text",), ("short",), ("wording", "trial", "text")...
    message: str


def review_words(text: str) -> list[str]:
    """The review-only words and phrases in ``text``, each once, in order (lower case)."""
    found: list[str] = []
    for match in REVIEW_WORDS.finditer(text):
        word = " ".join(match.group(0).lower().split())
        if word not in found:
            found.append(word)
    return found


def built_text(markup: str, design: str) -> str:
    """``markup`` as plain text with ``{article.design}`` filled in (other fields kept as ``{name}``)."""
    try:
        paragraphs = parse_text(markup)
    except MarkupError:
        return markup  # lint reports broken markup on its own
    pieces = []
    for tokens in paragraphs:
        for token in tokens:
            if isinstance(token, Run):
                pieces.append(token.text)
            elif isinstance(token, Placeholder):
                pieces.append(design if token.name == "article.design" else "{" + token.name + "}")
        pieces.append("\n\n")
    return "".join(pieces).strip()


def misfits(block: Block) -> list[Misfit]:
    """What reads wrong when ``block`` is built for each design it is tagged for."""
    found: list[Misfit] = []
    families = {family_of(tag) for tag in design_tags(block.tags)}
    for wording in block.wordings:
        if wording.family not in families:
            tagged = ", ".join(FAMILIES[wording.family])
            found.append(Misfit(("wording", wording.family), f"no tag names a design it is written for "
                                                             f"({tagged}): add one, or it is never used"))
        if block.short and not wording.short:
            found.append(Misfit(("wording", wording.family, "text"), "the main wording has a short variant "
                                "and this one has none: a letter asking for the short variant fails"))
    for tag in design_tags(block.tags):
        family = family_of(tag)
        if family not in SINGLE_STUDY_FAMILIES:
            continue
        wording = block.wording_for(tag)
        prefix: tuple[str, ...] = ("wording", family) if wording.family else ()
        for name, text in (("text", wording.text), ("short", wording.short or "")):
            words = review_words(built_text(text, tag))
            if words:
                which = f"[wording.{family}] {name}" if wording.family else name
                quoted = ", ".join(f"'{word}'" for word in words)
                found.append(Misfit((*prefix, name), f"tagged '{tag}', but its {which} reads as a review's "
                                                     f"({quoted}): write [wording.{family}] for it, "
                                                     "or drop the tag"))
    return found


def wording_choice(block: Block, design: str) -> str:
    """Which wording a letter about an article of ``design`` takes, and whether the block is written for
    it: "for a randomised trial: the trial wording ([wording.trial]); written for it (tag 'RCT')"."""
    if not design.strip():
        return "for an article of no design: the main wording (fill in the article's design)"
    wording = block.wording_for(design)
    family = family_of(design)
    if wording.family:
        which = f"the {family} wording ([wording.{family}])"
    elif family:
        which = f"the main wording (it has no [wording.{family}])"
    else:
        which = "the main wording (the design belongs to no family)"
    tag = written_for(block.tags, design)
    fit = f"written for it (tag '{tag}')" if tag else "NOT written for it: no tag names its design or family"
    return f"for a {canonical_design(design)}: {which}; {fit}"


def wording_label(block: Block, design: str) -> str:
    """The same in a few words, for a status line: "trial wording", "main wording" (of a block that has
    others), "not for a cohort study"; "" when there is nothing to say."""
    if not design.strip():
        return ""
    if not written_for(block.tags, design) and design_tags(block.tags):
        return f"not for a {canonical_design(design)}"
    family = block.wording_for(design).family
    if family:
        return f"{family} wording"
    return "main wording" if block.wordings else ""  # one wording only: nothing to choose between
