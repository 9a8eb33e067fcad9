"""Venue profiles: a journal's rules for letters (word and reference limits, window).

A venue is one TOML file in a library folder's ``venues/`` (``venues/jama-letter.toml``
is the venue ``jama-letter``), so a society can add or correct a journal in its
own library folder. Every field is read through :class:`FieldReader`, so a wrong
type is reported as ``file:line: field: message``. Each profile lists the
``sources`` its figures come from and names in ``unconfirmed`` any figure that
could not be checked against the journal's own instructions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.toml.fields import FieldReader, did_you_mean
from rebuttal.toml.source import read_toml
from rebuttal.vocabulary import MARKERS

# What a word limit counts. Journals count the body only: no title, references,
# signatures or competing interests (that is what Document.word_count counts).
WORD_COUNTS = ("body",)
# Figures a profile can mark as unconfirmed.
FIGURES = ("word_limit", "max_references", "max_authors", "window_days", "cite_article", "style", "marker",
           "max_overlap")


@dataclass(frozen=True)
class VenueSource:
    """Where a venue's figures come from."""

    title: str
    url: str = ""
    accessed: str = ""


@dataclass(frozen=True)
class Venue:
    """One journal's (or publication route's) rules for a letter; None means no limit."""

    id: str
    name: str
    word_limit: int | None = None
    counts: str = "body"
    max_references: int | None = None
    cite_article: bool = False
    max_authors: int | None = None
    window_days: int | None = None
    max_overlap: int | None = None  # percent of words shared with earlier letters; None: the default
    style: str = ""
    marker: str = ""
    notes: str = ""
    sources: tuple[VenueSource, ...] = ()
    unconfirmed: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    def is_confirmed(self, figure: str) -> bool:
        """False when the profile marks ``figure`` (e.g. ``window_days``) as unconfirmed."""
        return figure not in self.unconfirmed


NO_VENUE = Venue(id="", name="no venue (no limits)")


def load_venue(path: Path) -> Venue:
    """Read and validate one venue file; its id is the file name without ``.toml``."""
    from rebuttal.refs.styles import STYLES

    source = read_toml(path)
    reader = FieldReader(source, context="venue profile")
    reader.allow(
        "name", "word_limit", "counts", "max_references", "cite_article", "max_authors",
        "window_days", "max_overlap", "style", "marker", "notes", "sources", "unconfirmed",
    )
    sources = []
    for index, entry in enumerate(reader.tables("sources")):
        sub = FieldReader(source, data=entry, prefix=("sources", index), context="venue source")
        sub.allow("title", "url", "accessed")
        sources.append(VenueSource(sub.text("title", required=True), sub.text("url"), sub.date("accessed")))
    unconfirmed = reader.strings("unconfirmed")
    for name in unconfirmed:
        if name not in FIGURES:
            raise reader.fail("unconfirmed", f"'{name}' is not a figure{did_you_mean(name, FIGURES)}; "
                              f"figures: {', '.join(FIGURES)}")
    return Venue(
        id=path.stem,
        name=reader.text("name", required=True),
        word_limit=_limit(reader, "word_limit"),
        counts=reader.choice("counts", WORD_COUNTS, default="body"),
        max_references=_limit(reader, "max_references"),
        cite_article=_flag(reader, "cite_article"),
        max_authors=_limit(reader, "max_authors"),
        window_days=_limit(reader, "window_days"),
        max_overlap=_limit(reader, "max_overlap"),
        style=reader.choice("style", sorted(STYLES)),
        marker=reader.choice("marker", MARKERS),
        notes=reader.text("notes"),
        sources=tuple(sources),
        unconfirmed=tuple(unconfirmed),
        path=path,
    )


def _limit(reader: FieldReader, key: str) -> int | None:
    """A positive whole number, or None when absent (no limit)."""
    value = reader.data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise reader.fail(key, f"must be a whole number, not {type(value).__name__}")
    if value < 1:
        raise reader.fail(key, f"must be at least 1, not {value} (leave it out for no limit)")
    return value


def _flag(reader: FieldReader, key: str) -> bool:
    value = reader.data.get(key, False)
    if not isinstance(value, bool):
        raise reader.fail(key, f"must be true or false, not {type(value).__name__}")
    return value
