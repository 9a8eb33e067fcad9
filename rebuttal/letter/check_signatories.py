"""The rules about who signs: authors as the venue counts them, and every signatory's disclosure.

``authors``: the people who sign, against the venue's ``max_authors``; a group (a board)
is no person and counts only where the venue lists it as a group author
(``group_signature = "group-author"``). ``disclosures``: where the venue requires them
(``disclosures = "required"``), a signatory with none fails the rule by name; a
disclosure dated more than 12 months before the letter is a warning wherever it is printed.
"""

from __future__ import annotations

import datetime as dt

from rebuttal.letter.check_result import CheckResult, Unit, rule_result
from rebuttal.letter.signing import count_authors
from rebuttal.library.venues import Venue
from rebuttal.model import Document

STALE_MONTHS = 12


def authors(document: Document, venue: Venue) -> CheckResult:
    """People against ``max_authors``; groups said apart (counted only as group authors)."""
    used = count_authors(document.signatories, venue)
    groups = [f"{s.name} ({s.society})" if document.joint else s.name
              for s in document.signatories if s.group]
    counted = venue.group_signature == "group-author"
    how = "group authors, counted" if counted else "signing on behalf, not counted"
    note = f"{how}: {', '.join(groups)}" if groups else ""
    if venue.max_authors is None:
        return rule_result("authors", True, used, None, Unit.AUTHORS,
                           "; ".join(filter(None, ("no limit at this venue", note))))
    if used <= venue.max_authors:
        return rule_result("authors", True, used, venue.max_authors, Unit.AUTHORS, note)
    over = f"{used - venue.max_authors} signatories over"
    return rule_result("authors", False, used, venue.max_authors, Unit.AUTHORS,
                       "; ".join(filter(None, (over, note))))


def disclosures(document: Document, venue: Venue, letter_date: dt.date) -> CheckResult:
    """Each person's disclosure where the venue requires one; old disclosures warned about."""
    people = [s for s in document.signatories if not s.group]
    missing = [s.name for s in people if not s.disclosure]
    year_before = _year_before(letter_date)
    stale = [
        f"{s.name}'s is dated {s.disclosure_date}"
        for s in people
        if s.disclosure and s.disclosure_date and dt.date.fromisoformat(s.disclosure_date) < year_before
    ]
    old = (f"more than {STALE_MONTHS} months before the letter ({letter_date.isoformat()}): "
           + ", ".join(stale) + "; bring them up to date") if stale else ""
    required = venue.disclosures == "required"
    if not required:
        detail = "; ".join(filter(None, ("not required at this venue", old)))
        return rule_result("disclosures", True, len(missing), None, Unit.NO_DISCLOSURE, detail,
                           warning=bool(stale))
    if missing:
        detail = "no disclosure: " + ", ".join(missing) + " (each signatory declares competing interests)"
        return rule_result("disclosures", False, len(missing), 0, Unit.NO_DISCLOSURE,
                           "; ".join(filter(None, (detail, old))), names=tuple(missing))
    return rule_result("disclosures", True, 0, 0, Unit.NO_DISCLOSURE, old, warning=bool(stale))


def _year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)
