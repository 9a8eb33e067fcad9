"""Check results in the words people read: ``823``, ``12 days late``, ``required``, ``limit unconfirmed``.

:mod:`rebuttal.letter.checks` returns data; ``rebuttal check`` (table and JSON),
the app's checks screen (F4) and its status line word it here, the same way
everywhere. Nothing parses these words back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rebuttal.letter.checks import CheckResult, Unit

if TYPE_CHECKING:
    from rebuttal.letter.window import Window

UNCONFIRMED = "limit unconfirmed"


def found_text(result: CheckResult) -> str:
    """What the rule found: ``823``, ``12 days late``, ``yes``, ``current``; ``?`` when it cannot tell."""
    found = result.found
    if found is None:
        return "?" if result.allowed is not None else "-"
    if result.unit is Unit.DAYS_LEFT:
        return days_left_text(int(found))
    if result.unit is Unit.CITED:
        return "yes" if found else "no"
    if result.unit is Unit.OLDER_WORDINGS:
        return f"{found} older" if found else "current"
    if result.unit is Unit.DATED:
        return "yes" if found else "not set"
    if result.unit is Unit.NOT_ONE_PERSON:
        return f"{found} not one person"
    if result.unit is Unit.PERCENT:
        return f"{found}%"
    return str(found)


def allowed_text(result: CheckResult) -> str:
    """What the venue allows: ``400``, ``28 days``, ``required``; '' without a limit."""
    allowed = result.allowed
    if allowed is None:
        return ""
    if result.unit is Unit.DAYS_LEFT:
        return f"{allowed} days"
    if result.unit is Unit.CITED:
        return "required" if allowed else ""
    if result.unit is Unit.PERCENT:
        return f"{allowed}%"
    return str(allowed)


def detail_text(result: CheckResult) -> str:
    """The rule's advice (the due date and what it counts from), and when the venue's figure was verified."""
    parts = [window_text(result.window)] if result.window is not None else []
    parts += [result.detail] if result.detail else []
    if not result.limit_confirmed:
        parts.append(UNCONFIRMED)
    elif result.verified_on:
        parts.append(verified_text(result.verified_on, result.as_of))
    return "; ".join(parts)


def verified_text(verified_on: str, as_of: str = "") -> str:
    """``rule verified 2026-12-03 (journal's text of 2020-01)``: how fresh a venue's figure is."""
    return f"rule verified {verified_on}" + (f" (journal's text of {as_of})" if as_of else "")


def window_text(window: Window) -> str:
    """``due 2025-03-19, 28 days from print publication 2025-02-19 (online 2025-01-10)``.

    Says which article date was used, the due date, and when the letter has no date of its own.
    """
    from rebuttal.letter.window import CountedFrom

    if window.due is None:
        wanted = "article.date (the print date)" if window.missing == "date" else f"article.{window.missing}"
        said = f"the date it counts from is missing: fill in {wanted}"
    else:
        kinds = {"print": "print publication", "online": "online publication"}
        only = window.counted_from is CountedFrom.ONLY and not window.other
        what = "publication" if only else kinds.get(window.start_kind, "publication")
        said = f"due {window.due.isoformat()}, {window.days} days from {what} {window.start}"
        if window.other:
            said += f" ({'online' if window.start_kind == 'print' else 'print'} {window.other})"
        if window.counted_from is CountedFrom.EARLIER:
            said += "; the journal does not say which date counts: the earlier one"
        elif window.counted_from is CountedFrom.ONLY and window.venue_counts:
            said += f"; the journal counts from {window.venue_counts} publication, which is not given"
        if window.start_incomplete:
            said += "; no day given: counted from its first day"
    if not window.letter_dated:  # the "date" rule says why that matters
        said += f"; no letter.date: days left counted to today, {window.letter_date.isoformat()}"
    return said


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def failure_headline(failures: tuple[CheckResult, ...], *, count_more: bool = True) -> str:
    """The most urgent failure (``failures[0]``) in a few words: ``Late by 3 days``, ``Over by 12 words``.

    Words and references over their limits are said together (``Over by 12 words, 2 references``);
    ``(+2 more)`` counts the other failing checks.
    """
    if not failures:
        return ""
    first = failures[0]
    said = [first]
    if first.rule in ("words", "references"):
        said = [result for result in failures if result.rule in ("words", "references")]
    more = len(failures) - len(said) if count_more else 0
    return _headline(said) + (f" (+{more} more)" if more else "")


def _over(result: CheckResult) -> int:
    found, allowed = result.found, result.allowed
    if isinstance(found, bool) or isinstance(allowed, bool) or found is None or allowed is None:
        return 0
    return int(found) - int(allowed)


def _headline(said: list[CheckResult]) -> str:
    first = said[0]
    if first.rule in ("words", "references"):
        units = {"words": "word", "references": "reference"}
        return "Over by " + ", ".join(_plural(_over(result), units[result.rule]) for result in said)
    if first.rule == "window":
        if first.found is None:
            return "No publication date: the window cannot be counted"
        return f"Late by {_plural(-int(first.found), 'day')}"
    if first.rule == "authors":
        return f"Over by {_plural(_over(first), 'author')}"
    if first.rule == "article":
        return "The article answered is not cited"
    if first.rule == "disclosures" and first.names:
        return "No disclosure: " + ", ".join(first.names)
    if first.rule == "date":
        return "No letter date"
    if first.rule == "placeholders":
        return "To fill in: " + first.detail.removeprefix("fill in: ")
    return f"{first.label}: {first.detail or found_text(first)}"


def days_left_text(days: int) -> str:
    """``6 days left`` or ``12 days late``."""
    return f"{days} days left" if days >= 0 else f"{-days} days late"


def as_json(result: CheckResult) -> dict[str, object]:
    """A result for ``rebuttal check --json``: the figures as numbers, and the words of the table.

    ``value``, ``limit`` and ``detail`` are the table's words (the keys scripts read before results
    were data); ``found``, ``allowed``, ``unit`` and ``limit_confirmed`` are the data.
    """
    return {
        "rule": result.rule,
        "label": result.label,
        "ok": result.ok,
        "value": found_text(result),
        "limit": allowed_text(result),
        "detail": detail_text(result),
        "found": result.found,
        "allowed": result.allowed,
        "unit": str(result.unit),
        "limit_confirmed": result.limit_confirmed,
        "warning": result.warning,
        "verified_on": result.verified_on or None,
        "as_of": result.as_of or None,
        **(_window_json(result.window) if result.window is not None else {}),
    }


def _window_json(window: Window) -> dict[str, object]:
    """The window rule's dates: the due date, the article date it counts from and which one."""
    return {
        "due": window.due.isoformat() if window.due else None,
        "counted_from": window.start_kind or None,
        "counted_from_date": window.start or None,
        "letter_date": window.letter_date.isoformat(),
        "letter_dated": window.letter_dated,
    }
