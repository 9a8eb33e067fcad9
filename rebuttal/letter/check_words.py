"""Check results in the words people read: ``823``, ``12 days late``, ``required``, ``limit unconfirmed``.

:mod:`rebuttal.letter.checks` returns data; ``rebuttal check`` (table and JSON),
the app's checks screen (F4) and its status line word it here, the same way
everywhere. Nothing parses these words back.
"""

from __future__ import annotations

from rebuttal.letter.checks import CheckResult, Unit

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
    """The rule's advice, and a word when the venue's figure is unconfirmed."""
    if result.limit_confirmed:
        return result.detail
    return f"{result.detail}; {UNCONFIRMED}" if result.detail else UNCONFIRMED


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
    }
