"""What the app's status line says about a letter: counts against limits, and a verdict on fit.

UI-free: the session computes it, the app only draws it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rebuttal.errors import ChangeRefused, RebuttalError

if TYPE_CHECKING:
    from rebuttal.letter.checks import CheckResult
    from rebuttal.letter.outline import Outline
    from rebuttal.library.stack import Library
    from rebuttal.model import Document


@dataclass
class Status:
    """What the status line shows: counts against the venue's limits, a verdict, what is missing."""

    words: int = 0
    word_limit: int | None = None
    references: int = 0
    reference_limit: int | None = None
    unresolved: tuple[str, ...] = ()
    window: str = ""
    failed_checks: list[str] = field(default_factory=list)
    venue_name: str = ""

    @property
    def verdict(self) -> str:
        """``Fits JAMA`` or ``Over by 423 words, 9 references``; '' without a venue with limits."""
        over = []
        if self.word_limit is not None and self.words > self.word_limit:
            over.append(f"{self.words - self.word_limit} words")
        if self.reference_limit is not None and self.references > self.reference_limit:
            extra = self.references - self.reference_limit
            over.append(f"{extra} reference" + ("s" if extra > 1 else ""))
        if over:
            return "Over by " + ", ".join(over)
        if self.word_limit is None and self.reference_limit is None:
            return ""
        return f"Fits {self.venue_name}" if self.venue_name else "Fits"

    @property
    def fits(self) -> bool:
        """True when no limit is exceeded."""
        return not self.verdict.startswith("Over")


def short_venue_name(name: str) -> str:
    """``JAMA, Letter to the Editor (...)`` -> ``JAMA letter``: what fits a status line."""
    journal, _, kind = name.partition(",")
    kind = kind.split("(")[0].strip().lower()
    for long, short in (("letter to the editor", "letter"), ("rapid response", "rapid response")):
        if kind.startswith(long):
            kind = short
    return f"{journal.strip()} {kind}".strip()


def letter_status(library: Library, outline: Outline, document: Document, *, today: dt.date) -> Status:
    """Counts, limits and failed rules (from ``rebuttal.letter.checks``) of the letter as it is."""
    from rebuttal.letter.checks import run_checks
    from rebuttal.letter.venue_choice import resolve_venue

    status = Status(words=document.word_count(), references=len(document.references),
                    unresolved=document.unresolved)
    if not outline.letter.venue:
        return status
    try:
        venue = resolve_venue(library, outline, outline.letter.venue)
        results = run_checks(library, outline, document, venue, today=today)
    except RebuttalError as error:
        status.failed_checks.append(error.message)
        return status
    status.venue_name = short_venue_name(venue.name)
    for result in results:
        limit = int(result.limit) if str(result.limit).isdigit() else None
        if result.rule == "words":
            status.word_limit = limit
        elif result.rule == "references":
            status.reference_limit = limit
        elif result.rule == "window" and result.limit:
            status.window = result.value
        if not result.ok and result.rule not in ("words", "references"):
            status.failed_checks.append(f"{result.label} {result.value}")
    return status


class StatusActions:
    """The status line, the checks and "Make it fit" of a session (a mixin of
    ``rebuttal.app.session.Session``, which provides these attributes and ``change``)."""

    library: Library
    outline: Outline
    document: Document | None
    today: dt.date | None
    change: Callable[[str, Callable[[Outline], object]], object]

    def status(self) -> Status:
        """Counts and limits for the status line (limits from the venue, when known)."""
        document = self.document
        if document is None:
            return Status()
        return letter_status(self.library, self.outline, document, today=self.today or dt.date.today())

    def check_results(self) -> list[CheckResult]:
        """Every rule of ``rebuttal check`` for the letter as it is now (its venue's, or none)."""
        from rebuttal.letter.checks import run_checks
        from rebuttal.letter.venue_choice import resolve_venue

        if self.document is None:
            return []
        try:
            venue = resolve_venue(self.library, self.outline, None)
        except RebuttalError:
            from rebuttal.library.venues import NO_VENUE

            venue = NO_VENUE
        return run_checks(self.library, self.outline, self.document, venue,
                          today=self.today or dt.date.today())

    def make_it_fit(self) -> list[str]:
        """Switch blocks to short variants, last first, until the venue's word limit is met (undoable).

        Returns what changed, one line each; refuses when there is no limit or nothing to switch.
        """
        from rebuttal.letter.fit import fit_to_limit
        from rebuttal.letter.venue_choice import resolve_venue

        try:
            venue = resolve_venue(self.library, self.outline, None)
        except RebuttalError as error:
            raise ChangeRefused(error.message) from None
        if venue.word_limit is None:
            raise ChangeRefused("the letter's venue has no word limit: choose one with F2")
        result = fit_to_limit(self.library, self.outline, venue.word_limit, today=self.today)
        if not result.changes:
            if result.fits:
                raise ChangeRefused(f"the letter already fits {venue.name}")
            raise ChangeRefused("no block left with a short variant: remove blocks to fit")
        variants = [item.variant for item in result.outline.body]

        def mutate(outline: Outline) -> None:
            for item, variant in zip(outline.body, variants, strict=True):
                item.variant = variant

        self.change("make it fit", mutate)
        return [change.describe() for change in result.changes]
