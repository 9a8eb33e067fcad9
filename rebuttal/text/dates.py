"""Dates as people write them in outlines: ``2025``, ``2025-03`` or ``2025-03-10``."""

from __future__ import annotations

import datetime as dt
import re

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_partial_date(text: str) -> bool:
    """True for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a month and day that exist."""
    if not _PARTIAL_DATE.match(text):
        return False
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def full_date_problem(text: str) -> str | None:
    """Why ``text`` is not a full date (``YYYY-MM-DD``, a day that exists); None when it is."""
    if len(text) == 10 and is_partial_date(text):
        return None
    return f"'{text}' is not a date (YYYY-MM-DD)"
