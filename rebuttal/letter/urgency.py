"""Which failing check matters most: the one order in which the status line and F4 name failures.

A late letter cannot be sent at all; a letter over a journal's limits is returned unread; then
who signs it and their disclosures; then what the letter itself leaves undone. Rules not named
here (a rule added later) come after those that are, in the order the checks ran.
"""

from __future__ import annotations

from collections.abc import Iterable

from rebuttal.letter.checks import CheckResult

URGENCY = (
    "window", "words", "references", "authors", "disclosures", "date", "article", "placeholders", "missing",
    "status", "uncited", "dates", "repeated", "article-authors",
)


def by_urgency(results: Iterable[CheckResult]) -> tuple[CheckResult, ...]:
    """The failing results, most urgent first."""
    failing = [result for result in results if not result.ok]
    rank = {rule: index for index, rule in enumerate(URGENCY)}
    return tuple(sorted(failing, key=lambda result: rank.get(result.rule, len(URGENCY))))
