"""Which venue a letter goes to, and the style and marker that follow from it.

This is assembly's knowledge, not the library's: it reads the outline
(``letter.venue``, ``letter.style``, ``letter.marker``) against the library's
venue profiles, so it lives apart from :mod:`rebuttal.library.venues`, which only
loads profiles and knows no outline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rebuttal.letter.outline import DEFAULT_STYLE
from rebuttal.library.venues import NO_VENUE, Venue
from rebuttal.toml.fields import did_you_mean

if TYPE_CHECKING:
    from rebuttal.letter.outline import Outline
    from rebuttal.library.stack import Library


def resolve_venue(library: Library, outline: Outline, name: str | None) -> Venue:
    """The venue called ``name`` (or the outline's ``letter.venue``); no venue means no limits.

    An unknown name is an error listing the known venues: located at
    ``letter.venue`` when it came from the outline.
    """
    chosen = name or outline.letter.venue
    if not chosen:
        return NO_VENUE
    venue = library.venues.get(chosen)
    if venue is not None:
        return venue
    known = ", ".join(sorted(library.venues)) or "none"
    message = f"unknown venue '{chosen}'{_suggestion(chosen, library.venues)}; known: {known}"
    if name:
        from rebuttal.errors import RebuttalError

        raise RebuttalError(message, field="--venue")
    raise outline.error(("letter", "venue"), message)


def _suggestion(chosen: str, venues: Iterable[str]) -> str:
    """`` (did you mean 'nejm-correspondence'?)``: ids naming what was typed, else the nearest id."""
    word = chosen.strip().lower()
    naming = sorted(v for v in venues if word and word in v.lower())
    if not naming:
        return did_you_mean(chosen, venues)
    return " (did you mean " + " or ".join(f"'{v}'" for v in naming[:3]) + "?)"


def venue_style_and_marker(library: Library, outline: Outline) -> tuple[str, str]:
    """The style and marker a letter uses: the outline's own, else its venue's, else the defaults.

    An empty ``letter.style`` / ``letter.marker`` means the person did not choose
    one, so the venue's preferred style and marker apply; without a venue the
    style is NLM and the marker the style's own (an empty marker).
    """
    style, marker = outline.letter.style, outline.letter.marker
    venue = library.venues.get(outline.letter.venue) if outline.letter.venue else None
    if venue is not None:
        style = style or venue.style
        marker = marker or venue.marker
    return style or DEFAULT_STYLE, marker
