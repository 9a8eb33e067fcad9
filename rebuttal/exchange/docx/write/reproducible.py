"""The one time a build stamps into a Word file, so the same letter always gives the same bytes.

A letter kept in git, and a merge that reports "unchanged", only mean what
they say when two builds of one outline are identical. Word files carry times
in ``docProps/core.xml``, in every zip entry and on every comment; all of them
come from the letter instead of the clock: ``SOURCE_DATE_EPOCH`` when it is
set (the reproducible-builds convention,
https://reproducible-builds.org/specs/source-date-epoch/), else the letter's
own date at midnight UTC.
"""

from __future__ import annotations

import datetime as dt
import os


def build_time(letter_date: str) -> dt.datetime:
    """The time a build stamps into the file: SOURCE_DATE_EPOCH, else the letter's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    try:
        day = dt.date.fromisoformat(letter_date)
    except ValueError:
        day = dt.date.today()
    return dt.datetime(day.year, day.month, day.day)
