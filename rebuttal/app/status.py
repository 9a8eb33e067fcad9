"""What the app's status line says about a letter: counts against limits, whether it fits, what fails.

UI-free data: the session computes it, the app words it (``rebuttal.ui.status``) and draws it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rebuttal.errors import ChangeRefused, RebuttalError

if TYPE_CHECKING:
    from rebuttal.letter.checks import CheckResult
    from rebuttal.letter.fit import FitChange
    from rebuttal.letter.outline import Outline
    from rebuttal.library.stack import Library
    from rebuttal.model import Document


@dataclass
class Status:
    """What the status line shows: counts against the venue's limits, the deadline, what fails."""

    words: int = 0
    word_limit: int | None = None
    references: int = 0
    reference_limit: int | None = None
    unresolved: tuple[str, ...] = ()
    window: CheckResult | None = None  # the deadline rule, when the venue has a response window
    failed: list[CheckResult] = field(default_factory=list)  # failing rules besides words and references
    problem: str = ""  # why the venue's rules could not be checked (an unknown venue...)
    venue_name: str = ""
    checked: bool = False  # the venue's rules ran (``failures`` is every failing rule)
    failures: tuple[CheckResult, ...] = ()  # every failing rule, most urgent first (letter.urgency)

    @property
    def words_over(self) -> int:
        """Words beyond the venue's limit (0 within it, or without one)."""
        return max(0, self.words - self.word_limit) if self.word_limit is not None else 0

    @property
    def references_over(self) -> int:
        """References beyond the venue's limit (0 within it, or without one)."""
        return max(0, self.references - self.reference_limit) if self.reference_limit is not None else 0

    @property
    def has_limits(self) -> bool:
        """True when the venue limits words or references (there is something to fit)."""
        return self.word_limit is not None or self.reference_limit is not None

    @property
    def fits(self) -> bool:
        """True when no word or reference limit is exceeded (what "Make it fit" can fix)."""
        return not (self.words_over or self.references_over)

    @property
    def passes(self) -> bool:
        """True only when the venue's rules ran and every check passes: the letter can go."""
        return self.checked and not self.failures and not self.problem

    @property
    def most_urgent(self) -> CheckResult | None:
        """The failing rule to name first (None when none fails)."""
        return self.failures[0] if self.failures else None


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
    from rebuttal.letter.urgency import by_urgency
    from rebuttal.letter.venue_choice import resolve_venue

    status = Status(words=document.word_count(), references=len(document.references),
                    unresolved=document.unresolved)
    if not outline.letter.venue:
        return status
    try:
        venue = resolve_venue(library, outline, outline.letter.venue)
        results = run_checks(library, outline, document, venue, today=today)
    except RebuttalError as error:
        status.problem = error.message
        return status
    status.venue_name = short_venue_name(venue.name)
    status.checked = True
    status.failures = by_urgency(results)
    for result in results:
        if result.rule == "words":
            status.word_limit = _number(result.allowed)
        elif result.rule == "references":
            status.reference_limit = _number(result.allowed)
        elif result.rule == "window" and result.allowed is not None:
            status.window = result
        if not result.ok and result.rule not in ("words", "references"):
            status.failed.append(result)
    return status


def _number(figure: int | bool | None) -> int | None:
    return None if figure is None or isinstance(figure, bool) else figure


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

    def make_it_fit(self) -> tuple[FitChange, ...]:
        """Switch blocks to short variants, last first, until the venue's word limit is met (undoable).

        Returns what changed, a block a change; refuses when there is no limit or nothing to switch.
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
        return result.changes
