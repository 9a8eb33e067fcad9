"""Venue profiles: a journal's rules for letters (word and reference limits, window).

A venue is one TOML file in a library folder's ``venues/`` (``venues/jama-letter.toml``
is the venue ``jama-letter``), so a society can add or correct a journal in its
own library folder. Every field is read through :class:`FieldReader`, so a wrong
type is reported as ``file:line: field: message``.

A profile is a dated register of the journal's rules: ``verified_on`` is the
day someone last compared its figures with the journal's words, and each of
its ``[[sources]]`` quotes the sentence (``quote``) that backs the figures it
names in ``supports``, with the date the quoted text is known to be from
(``as_of``). A figure that no quoted source supports is unconfirmed, as is any
figure named in ``unconfirmed``. ``window_from`` says which of the article's
dates the response window counts from, where the journal says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.text.dates import full_date_problem, is_partial_date
from rebuttal.toml.fields import FieldReader, did_you_mean, table_keys
from rebuttal.toml.source import read_toml
from rebuttal.vocabulary import MARKERS

# What a word limit counts. Journals count the body only: no title, references,
# signatures or competing interests (that is what Document.word_count counts).
WORD_COUNTS = ("body",)
# How a venue wants a group (a board, a committee) to sign: "on-behalf-of" after the people, who are
# the authors ("On behalf of the Board of Directors"), or "group-author": the group is an author in
# the byline and counts as one against max_authors.
GROUP_SIGNATURES = ("on-behalf-of", "group-author")
# Whether every signatory must declare competing interests ("required") or not ("").
DISCLOSURES = ("required",)
# Figures a profile can mark as unconfirmed.
FIGURES = (
    "word_limit", "max_references", "max_authors", "window_days", "cite_article", "style", "marker",
    "disclosures", "group_signature", "max_overlap",
)
# The journal's limits: in a register, each needs a quoted source (style and marker are house
# conventions a profile chooses, confirmed unless listed in ``unconfirmed``).
LIMIT_FIGURES = ("word_limit", "max_references", "max_authors", "window_days", "cite_article", "disclosures")
# What a source can back: the figures, and which article date the window counts from.
SUPPORTABLE = (*FIGURES, "window_from")
# Which of the article's dates a window counts from: the print (issue) date or the online date.
WINDOW_FROM = ("print", "online")


@dataclass(frozen=True)
class VenueSource:
    """Where a venue's figures come from."""

    title: str
    url: str = ""
    accessed: str = ""
    quote: str = ""  # the journal's sentence, word for word
    supports: tuple[str, ...] = ()  # the fields the quote backs ("word_limit", "window_from"...)
    as_of: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD: when the quoted text is known to have said so


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
    disclosures: str = ""  # "required": every signatory declares competing interests
    group_signature: str = "on-behalf-of"  # how a group signs (GROUP_SIGNATURES)
    window_from: str = ""  # "print" | "online" when the journal says; "" when it does not
    max_overlap: int | None = None  # percent of words shared with earlier letters; None: the default
    style: str = ""
    marker: str = ""
    notes: str = ""
    sources: tuple[VenueSource, ...] = ()
    unconfirmed: tuple[str, ...] = ()
    verified_on: str = ""  # YYYY-MM-DD: when the figures were last compared with the sources
    path: Path | None = field(default=None, compare=False)

    @property
    def journal(self) -> str:
        """``JAMA`` of ``JAMA, Letter to the Editor (...)``: the name before its first comma."""
        return self.name.partition(",")[0].strip()

    @property
    def is_register(self) -> bool:
        """True when some source says which figures it backs (a dated register, not a bare list)."""
        return any(source.supports for source in self.sources)

    def sources_for(self, figure: str) -> tuple[VenueSource, ...]:
        """The quoted sources that back ``figure``."""
        return tuple(source for source in self.sources if figure in source.supports)

    def is_confirmed(self, figure: str) -> bool:
        """False when ``figure`` (e.g. ``window_days``) is marked unconfirmed or no quoted source backs it.

        Only the limits need a quote; a profile whose sources name no figures (written before
        sources said what they back) confirms every figure it does not list in ``unconfirmed``.
        """
        if figure in self.unconfirmed:
            return False
        return figure not in LIMIT_FIGURES or not self.is_register or bool(self.sources_for(figure))

    def as_of(self, figure: str) -> str:
        """The newest date of the quoted text backing ``figure`` ('' when none says)."""
        return max((source.as_of for source in self.sources_for(figure)), default="")


NO_VENUE = Venue(id="", name="no venue (no limits)")


def load_venue(path: Path) -> Venue:
    """Read and validate one venue file; its id is the file name without ``.toml``."""
    from rebuttal.refs.styles import STYLES

    source = read_toml(path)
    reader = FieldReader(source, context="venue profile")
    reader.allow(*table_keys(Venue))
    sources = [_source(FieldReader(source, data=entry, prefix=("sources", index), context="venue source"))
               for index, entry in enumerate(reader.tables("sources"))]
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
        window_from=reader.choice("window_from", WINDOW_FROM),
        disclosures=reader.choice("disclosures", DISCLOSURES),
        group_signature=reader.choice("group_signature", GROUP_SIGNATURES, default="on-behalf-of"),
        max_overlap=_limit(reader, "max_overlap"),
        style=reader.choice("style", sorted(STYLES)),
        marker=reader.choice("marker", MARKERS),
        notes=reader.text("notes"),
        sources=tuple(sources),
        unconfirmed=tuple(unconfirmed),
        verified_on=_full_date(reader, "verified_on"),
        path=path,
    )


def _source(sub: FieldReader) -> VenueSource:
    """One ``[[sources]]`` table: a quote that backs figures must be there, word for word."""
    sub.allow(*table_keys(VenueSource, leave_out=()))
    supports = sub.strings("supports")
    for name in supports:
        if name not in SUPPORTABLE:
            raise sub.fail("supports", f"'{name}' is not a figure{did_you_mean(name, SUPPORTABLE)}; "
                           f"figures: {', '.join(SUPPORTABLE)}")
    quote = sub.text("quote")
    if supports and not quote:
        raise sub.fail("supports", "a source that backs figures needs the journal's sentence in 'quote'")
    as_of = sub.date("as_of")
    if as_of and not is_partial_date(as_of):
        raise sub.fail("as_of", f"'{as_of}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return VenueSource(sub.text("title", required=True), sub.text("url"), _full_date(sub, "accessed"),
                       quote, tuple(supports), as_of)


def _full_date(reader: FieldReader, key: str) -> str:
    value = reader.date(key)
    problem = full_date_problem(value) if value else None
    if problem:
        raise reader.fail(key, problem)
    return value


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
