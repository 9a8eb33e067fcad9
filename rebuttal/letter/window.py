"""The response window: which of the article's dates it counts from, and when the letter is due.

An article has two dates: ``article.date`` (the issue, or print, date) and
``article.date_online`` (first published online, often weeks earlier). A venue
says which one its window counts from (``window_from = "print"`` for JAMA); when
it does not say, the window counts from the earlier of the two, so that a letter
is never told it has more time than the journal may give it. Pure data: the
check words it (:mod:`rebuttal.letter.checks`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from rebuttal.letter.outline import Outline
from rebuttal.library.venues import Venue


class CountedFrom(StrEnum):
    """Which article date a window was counted from, and why that one."""

    PRINT = "print"  # the venue counts from print, and the article has a print date
    ONLINE = "online"  # the venue counts from online publication
    EARLIER = "earlier"  # the venue does not say: the earlier of the two dates
    ONLY = "only"  # the one date the article has (the venue says none, or its date is not given)


@dataclass(frozen=True)
class Window:
    """When a letter is due, counted from which date, and against which letter date."""

    days: int  # the venue's window
    due: dt.date | None  # None: the date it counts from is not known
    counted_from: CountedFrom | None
    start: str  # the article date used, as written (YYYY, YYYY-MM or YYYY-MM-DD); '' when none
    letter_date: dt.date  # the letter's date, or today when it has none
    letter_dated: bool  # False: letter.date is empty, so days left move every day it is rebuilt
    missing: str = ""  # the article field to fill in when ``due`` is None ("date", "date_online")
    start_kind: str = ""  # "print" or "online": which of the article's dates ``start`` is
    other: str = ""  # the article's other date, for the record ('' when it has one date)
    venue_counts: str = ""  # the venue's window_from ("print", "online" or '' when it does not say)

    @property
    def days_left(self) -> int | None:
        """Days from the letter's date to the due date (negative when late); None when not known."""
        return None if self.due is None else (self.due - self.letter_date).days

    @property
    def start_incomplete(self) -> bool:
        """True when the date counted from names no day (counted from the first of its month or year)."""
        return 0 < len(self.start) < 10


def first_day(text: str) -> dt.date:
    """``2025-02`` -> 2025-02-01: a partial date's first day (the earliest the window can start)."""
    parts = [int(part) for part in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def response_window(outline: Outline, venue: Venue, today: dt.date) -> Window | None:
    """The letter's window at ``venue`` (None when the venue has none)."""
    if venue.window_days is None:
        return None
    dated = bool(outline.letter.date)
    letter_date = dt.date.fromisoformat(outline.letter.date) if dated else today
    dates = {"print": outline.article.date, "online": outline.article.date_online}
    known = {kind: text for kind, text in dates.items() if text}
    wanted = venue.window_from
    if wanted and wanted in known:
        kind, counted = wanted, CountedFrom(wanted)
    elif wanted == "print":
        kind, counted = "", None  # online only: the print date, the one that counts, is not known yet
    elif len(known) == 2:
        kind, counted = min(known, key=lambda name: first_day(known[name])), CountedFrom.EARLIER
    elif known:
        kind, counted = next(iter(known)), CountedFrom.ONLY
    else:
        kind, counted = "", None
    start = known.get(kind, "")
    other = next((text for name, text in known.items() if name != kind), "") if kind else ""
    due = first_day(start) + dt.timedelta(days=venue.window_days) if start else None
    missing = "" if start else "date"
    return Window(venue.window_days, due, counted, start, letter_date, dated, missing, kind, other, wanted)
