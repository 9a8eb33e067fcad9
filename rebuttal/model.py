"""The assembled document: what every renderer (Rich, DOCX, Markdown, text) draws.

Nothing here knows about blocks, outlines or files. ``assemble`` builds a
:class:`Document`; renderers only read it, so the preview and every export
show the same letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rebuttal.text.citations import CitationMarker, without_marks

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_WORD = re.compile(r"[\w][\w'’\-./]*")


@dataclass(frozen=True)
class Span:
    """A piece of text with its emphasis; ``link`` makes it a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Citation:
    """A citation group, already numbered: the keys cited and their numbers.

    How the numbers are printed is the document's :class:`CitationMarker` (``marker.printed``).
    """

    keys: tuple[str, ...]
    numbers: tuple[int, ...]


Inline = Span | Citation


@dataclass(frozen=True)
class Source:
    """Where a paragraph came from: a library block (and which use of it) or the outline."""

    block_id: str | None
    kind: str
    version: str = ""
    status: str = ""
    variant: str = "full"
    edited: bool = False
    position: int = 0

    @property
    def label(self) -> str:
        """``concerns/heterogeneity v1.0 (approved)``, or ``custom text``."""
        if self.block_id is None:
            return "custom text (not from the library)"
        parts = [self.block_id]
        if self.version:
            parts.append(f"v{self.version}")
        status = self.status or "unknown status"
        if self.edited:
            status += ", edited in this letter"
        if self.variant != "full":
            status += f", {self.variant} variant"
        return " ".join(parts) + f" ({status})"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline content, with its provenance."""

    inlines: tuple[Inline, ...]
    source: Source | None = None

    def plain(self, marker: CitationMarker | None = None) -> str:
        """The paragraph as plain text, citations written with ``marker``."""
        return inline_text(self.inlines, marker or CitationMarker())


@dataclass(frozen=True)
class Point:
    """One numbered concern: a bold heading and its paragraphs."""

    number: int
    heading: tuple[Inline, ...]
    paragraphs: tuple[Paragraph, ...]
    source: Source | None = None


@dataclass(frozen=True)
class PointList:
    """Consecutive numbered points; a new list starts again at 1."""

    points: tuple[Point, ...]


Section = Paragraph | PointList


@dataclass(frozen=True)
class Reference:
    """One entry of the numbered reference list."""

    number: int
    key: str
    inlines: tuple[Span, ...]
    item: dict = field(default_factory=dict, compare=False, hash=False)

    def plain(self) -> str:
        """The formatted entry as plain text."""
        return "".join(span.text for span in self.inlines)


@dataclass(frozen=True)
class Signatory:
    """A person (or a group: a board, a committee) signing the letter, resolved from the outline.

    ``society`` is the name of the society the signatory signs for (the lead's, or a co-signer's);
    ``on_behalf`` is set for a group the venue wants written "On behalf of the ..." after the people.
    """

    name: str
    degrees: str = ""
    role: str = ""
    affiliation: str = ""
    email: str = ""
    orcid: str = ""
    disclosure: str = ""
    disclosure_date: str = ""  # YYYY-MM-DD: when the disclosure was last brought up to date
    corresponding: bool = False
    group: bool = False
    on_behalf: bool = False
    society: str = ""
    person: str = ""  # the library person it came from ("" when written in the letter)

    @property
    def display_name(self) -> str:
        """``Jane Doe, MD``; a group signing on behalf: ``On behalf of the Board of Directors``."""
        if self.on_behalf:
            return f"On behalf of {with_the(self.name)}"
        return f"{self.name}, {self.degrees}" if self.degrees else self.name

    @property
    def details(self) -> tuple[str, ...]:
        """The lines under the name: role, affiliation, e-mail (marked when corresponding), ORCID."""
        lines = [self.role, self.affiliation]
        if self.email:
            lines.append(f"Corresponding author: {self.email}" if self.corresponding else self.email)
        elif self.corresponding:
            lines.append("Corresponding author")
        if self.orcid:
            lines.append(f"ORCID {self.orcid}")
        return tuple(line for line in lines if line)


@dataclass(frozen=True)
class SignatureGroup:
    """The signatories who sign for one society; ``heading`` is '' in a letter of one society."""

    heading: str
    signatories: tuple[Signatory, ...]


@dataclass(frozen=True)
class Letterhead:
    """The society's identity at the top of the letter; a joint letter names its co-signers too."""

    name: str
    short_name: str = ""
    tagline: str = ""
    logo: str | None = None
    cosigners: tuple[str, ...] = ()  # the co-signing societies' names, in the letter's order
    cosigner_short_names: tuple[str, ...] = ()  # their short names (their names where they have none)
    cosigner_logos: tuple[str | None, ...] = ()  # their logos (None where one has none)

    @property
    def names(self) -> tuple[str, ...]:
        """Every society the letter speaks for, lead first."""
        return tuple(name for name in (self.name, *self.cosigners) if name)

    def logos(self) -> list[tuple[str, str]]:
        """``(file, society)`` of every society's logo, the lead's first."""
        lead = (self.logo, self.name or self.short_name)
        pairs = [lead, *zip(self.cosigner_logos, self.cosigners, strict=False)]
        return [(logo, who) for logo, who in pairs if logo]

    @property
    def short_label(self) -> str:
        """``PSPS`` or, for a joint letter, ``PSPS and GLISS`` (a running header's words)."""
        shorts = [short for short in (self.short_name or self.name, *self.cosigner_short_names) if short]
        if len(shorts) <= 1:
            return "".join(shorts)
        return ", ".join(shorts[:-1]) + " and " + shorts[-1]


@dataclass(frozen=True)
class Document:
    """A whole assembled letter, ready to render."""

    title: str
    letterhead: Letterhead
    date: str = ""
    issued: str = ""  # the letter's date as YYYY-MM-DD (file timestamps come from it)
    recipient: str = ""
    salutation: str = ""
    body: tuple[Section, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    competing_interests: Paragraph | None = None
    references: tuple[Reference, ...] = ()
    marker: CitationMarker = field(default_factory=CitationMarker)
    paper: str = "letter"
    subject: str = ""
    keywords: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()  # what the author should know (e.g. a block kept at an older wording)

    @property
    def joint(self) -> bool:
        """True when more than one society signs."""
        return bool(self.letterhead.cosigners)

    def signature_groups(self) -> list[SignatureGroup]:
        """The signatories by the society they sign for, in the letter's order of societies.

        In a joint letter each group is headed ``For the Pacific Spine and Pain Society``;
        a letter of one society has one group without a heading.
        """
        if not self.joint:
            return [SignatureGroup("", self.signatories)] if self.signatories else []
        order = list(self.letterhead.names)
        for signatory in self.signatories:
            if signatory.society not in order:
                order.append(signatory.society)
        groups = []
        for society in order:
            members = tuple(s for s in self.signatories if s.society == society)
            if members:
                groups.append(SignatureGroup(signature_heading(society), members))
        return groups

    def disclosures(self) -> list[tuple[str, str]]:
        """``(name, disclosure)`` of every signatory with one, in signing order."""
        return [(s.name, s.disclosure) for s in self.signatories if s.disclosure]

    def paragraphs(self) -> list[Paragraph]:
        """Every body paragraph in reading order, points included (not headings)."""
        found: list[Paragraph] = []
        for section in self.body:
            if isinstance(section, PointList):
                for point in section.points:
                    found.extend(point.paragraphs)
            else:
                found.append(section)
        return found

    def body_text(self, *, signatures: bool = True) -> str:
        """The body as plain text (headings included); ``signatures=False`` drops
        signature-kind paragraphs ("On behalf of the Board..."), which journals do not count."""
        pieces: list[str] = []
        for section in self.body:
            if isinstance(section, PointList):
                for point in section.points:
                    pieces.append(inline_text(point.heading, self.marker))
                    pieces.extend(p.plain(self.marker) for p in point.paragraphs)
            elif signatures or section.source is None or section.source.kind != "signature":
                pieces.append(section.plain(self.marker))
        return "\n".join(pieces)

    def word_count(self) -> int:
        """Words in the body, as journals count them: no references, no signatures."""
        return count_words(self.body_text(signatures=False))

    @property
    def points(self) -> list[Point]:
        """All numbered points in reading order."""
        return [point for s in self.body if isinstance(s, PointList) for point in s.points]


def signature_heading(society: str) -> str:
    """``For the Pacific Spine and Pain Society``: a joint letter's heading over a society's signatories."""
    return f"For {with_the(society)}" if society else ""


def with_the(name: str) -> str:
    """``the Board of Directors``: a body's name as a sentence names it (kept when it has its 'the')."""
    return name if name[:4].lower() == "the " else f"the {name}"


def disclosure_line(name: str, disclosure: str) -> str:
    """``Jane Doe: Consulting fees from Medtronic.`` as the competing-interests section prints it."""
    return f"{name}: {disclosure}"


def inline_text(inlines: tuple[Inline, ...], marker: CitationMarker) -> str:
    """Join inlines to plain text, citations as ``marker`` writes them in plain text (``(2,3)``, or
    ``[2,3]`` for a raised marker)."""
    return "".join(
        marker.plain(inline.numbers) if isinstance(inline, Citation) else inline.text for inline in inlines
    )


def count_words(text: str) -> int:
    """Count words the way a word processor does, ignoring citation marks.

    A number such as ``3,000`` or ``1.5`` is one word, as Word counts it.
    """
    return len(_WORD.findall(_THOUSANDS.sub("", without_marks(text))))
