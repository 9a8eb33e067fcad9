"""What a check rule returns: :class:`CheckResult`, data turned into words only at the edge.

Its own module so that rules kept in modules of their own (``check_signatories``...)
and :mod:`rebuttal.letter.checks`, which runs them all, share it without an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rebuttal.letter.window import Window


class Unit(StrEnum):
    """What a rule's figures count (and so how people read them)."""

    WORDS = "words"
    REFERENCES = "references"
    AUTHORS = "authors"
    DAYS_LEFT = "days left"  # found: days to the deadline, negative when late; allowed: the window in days
    CITED = "cited"  # found: whether it is cited; allowed: True when the venue requires it
    PLACEHOLDERS = "placeholders"
    BLOCKS = "blocks"
    CITATION_KEYS = "citation keys"
    OLDER_WORDINGS = "older wordings"  # blocks kept at the wording the letter recorded
    NOT_ONE_PERSON = "not one person"  # article authors that are not one person (or group)
    DATED = "dated"  # found: whether the letter has its own date
    NO_DISCLOSURE = "without a disclosure"  # signatories (people) who declare no competing interests
    PERCENT = "percent"  # found: a share of the letter's words; allowed: the venue's ceiling


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one rule: what was found, what is allowed, and advice."""

    rule: str  # stable id, e.g. "words"
    label: str  # the rule's name for people: "Words"
    ok: bool  # the rule passes
    found: int | bool | None  # 834 (None: cannot be told, e.g. a window without the article's date)
    allowed: int | bool | None  # 400 (None: no limit at this venue)
    unit: Unit  # what ``found`` and ``allowed`` count
    detail: str = ""  # one line of explanation / advice, for people only
    limit_confirmed: bool = True  # False when the venue profile could not confirm ``allowed``
    verified_on: str = ""  # when the venue's figure was last compared with the journal's quoted words
    as_of: str = ""  # the date of the newest quoted text backing the figure ('' when none says)
    window: Window | None = None  # the window rule's dates (due, counted from which date)
    names: tuple[str, ...] = ()  # whom the rule names (the signatories without a disclosure)
    warning: bool = False  # passes, but ``detail`` says what to look at (an old disclosure)


# Every rule of ``rebuttal check``: its stable id (the JSON, the urgency order, the status line
# read it) and its name for people. A test holds every id the code compares against to this list.
RULE_LABELS: dict[str, str] = {
    "words": "Words",
    "references": "References",
    "window": "Window",
    "date": "Letter date",
    "article-authors": "Article authors",
    "wording": "Block wording",
    "dates": "Cited work dates",
    "article": "Article cited",
    "placeholders": "Placeholders",
    "status": "Unapproved blocks",
    "uncited": "Lost citations",
    "missing": "Unknown citation keys",
    "repeated": "Blocks used twice",
    "authors": "Authors",
    "disclosures": "Disclosures",
    "overlap": "Overlap",
}


def rule_result(rule: str, ok: bool, found: int | bool | None, allowed: int | bool | None, unit: Unit,
                detail: str = "", **more: Any) -> CheckResult:
    """The outcome of rule ``rule`` (an id of :data:`RULE_LABELS`), under its name for people."""
    return CheckResult(rule, RULE_LABELS[rule], ok, found, allowed, unit, detail, **more)
