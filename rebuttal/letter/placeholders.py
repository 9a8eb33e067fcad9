"""Placeholder values: the fixed table of fields block text may name.

Substitution is a dictionary look-up of a parsed name, never ``str.format``
or ``eval`` on user text, so a block can only ever insert these strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rebuttal.letter.signing import societies_names
from rebuttal.text.authors import split_author
from rebuttal.vocabulary import KNOWN_PLACEHOLDERS, SOCIETY_TEXT_FIELDS

if TYPE_CHECKING:
    from rebuttal.letter.outline import Outline
    from rebuttal.library.stack import Society
    from rebuttal.refs.article import Article

__all__ = ["KNOWN_PLACEHOLDERS", "article_values", "authors_short", "display_date", "placeholder_values"]


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)


def authors_short(authors: list[str]) -> str:
    """``Wang``, ``Wang and Martin`` or ``Wang et al``."""
    families = [split_author(a)[0] for a in authors]
    if not families:
        return ""
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} and {families[1]}"
    return f"{families[0]} et al"


def display_date(iso: str, paper: str = "letter") -> str:
    """``2025-03-10`` -> ``March 10, 2025`` (US letter) or ``10 March 2025`` (A4)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    month = MONTH_NAMES[day.month - 1]
    return f"{month} {day.day}, {day.year}" if paper == "letter" else f"{day.day} {month} {day.year}"


def article_values(article: Article) -> dict[str, str]:
    """The ``article.*`` placeholder values."""
    return {
        "article.title": article.title.rstrip("."),
        "article.first_author": split_author(article.authors[0])[0] if article.authors else "",
        "article.authors_short": authors_short(article.authors),
        "article.journal": article.journal,
        "article.year": (article.date or article.date_online)[:4],
        "article.design": article.design,
        "article.doi": article.doi,
        "article.pmid": article.pmid,
    }


def placeholder_values(
    outline: Outline, society: Society | None, letter_date: str, paper: str, *,
    cosigners: Sequence[Society] = (),
) -> dict[str, str]:
    """Every known placeholder's value for this letter ('' when not filled in).

    ``society.*`` is the lead society; ``societies.names`` every society signing, lead first.
    """
    values = article_values(outline.article)
    values["societies.names"] = societies_names([s for s in (society, *cosigners) if s is not None])
    if society is not None:
        values.update({f"society.{name}": getattr(society, name) for name in SOCIETY_TEXT_FIELDS})
        values["society.short_name"] = society.short_name or society.name
    values["letter.date"] = display_date(letter_date, paper)
    values["letter.recipient"] = outline.letter.recipient
    values["letter.venue"] = outline.letter.venue
    return {name: values.get(name, "") for name in KNOWN_PLACEHOLDERS}
