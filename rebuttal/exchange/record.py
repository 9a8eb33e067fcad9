"""What an exported DOCX remembers about where it came from, so its edits can come back.

Two things travel inside the Word file, both invisible to editors:

* **Anchors**: a bookmark around every paragraph of every body item, named
  ``rb_<position>_<part>_<slug>`` (``part`` is ``h`` for a point's heading or the
  paragraph's number in the item). We chose bookmarks over content controls:
  Word and LibreOffice both keep bookmarks through edits and re-saves, and
  neither shows them to an editor, while content controls draw frames and tabs
  around the text, stop some edits, and LibreOffice converts or drops them.
* **The export record** (custom document properties, ``docProps/custom.xml``): the
  outline's file name and a SHA-256 of its text, the rebuttal version, which body
  item stood at which position, how citations were numbered (key -> number) and
  how numbers were printed (the citation marker); and the outline's text itself,
  compressed (zlib, base64), when it is small enough: the base of a later three-way
  merge on any computer (the state folder keeps it too: :mod:`rebuttal.exchange.exports`).
  And a SHA-256 of the letter's own parts as written
  (:func:`rebuttal.exchange.record_values.content_digest`): ``merge`` of an export nobody
  changed recognises it without parsing it (:mod:`rebuttal.merge.unchanged`).

This module defines both formats; the DOCX renderer writes them, the DOCX reader
hands their raw text back, and ``rebuttal.merge`` interprets them. It knows no
python-docx.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rebuttal import __version__
from rebuttal.exchange.record_values import PROPERTY, PROPERTY_PIECE, recorded_values
from rebuttal.text.citations import CitationMarker

if TYPE_CHECKING:  # the model is loaded by record_for: merge of an unchanged export needs none of it
    from rebuttal.model import Document, Inline, Source

BOOKMARK_PREFIX = "rb_"
HEADING_PART = "h"
REFERENCE_BOOKMARK_PREFIX = "_rb_ref_"
MAX_BOOKMARK = 40  # Word's limit for a bookmark name
MAX_EMBEDDED = 48_000  # characters of compressed, base64 outline text carried in the DOCX at most
MAX_OUTLINE = 4_000_000  # bytes an embedded outline may expand to (a bound on untrusted input)
_BOOKMARK = re.compile(r"^rb_(\d+)_(h|\d+)(?:_|$)")


def bookmark_name(source: Source, part: str) -> str:
    """A valid Word bookmark name for paragraph ``part`` of the body item ``source``."""
    slug = (source.block_id or "custom").rsplit("/", 1)[-1]
    slug = re.sub(r"[^A-Za-z0-9]+", "_", slug).strip("_")
    name = f"{BOOKMARK_PREFIX}{source.position}_{part}_{slug}"
    return name[:MAX_BOOKMARK].rstrip("_")


def reference_bookmark(number: int) -> str:
    """The bookmark on entry ``number`` of the reference list, where its citations link to.

    The leading underscore makes it one of Word's hidden bookmarks (as its own ``_Ref``
    cross-reference targets), and :func:`parse_bookmark` does not take it for a body item's.
    """
    return f"{REFERENCE_BOOKMARK_PREFIX}{number}"


def parse_bookmark(name: str) -> tuple[int, str] | None:
    """``(position, part)`` of one of our bookmarks; None for anyone else's (``_GoBack``...)."""
    match = _BOOKMARK.match(name)
    if not match:
        return None
    return int(match.group(1)), match.group(2)


@dataclass(frozen=True)
class RecordedItem:
    """A body item as it was exported: its position in the outline, block id and kind."""

    position: int
    block: str | None
    kind: str


@dataclass
class ExportRecord:
    """The provenance of one exported DOCX (stored as custom document properties)."""

    outline_name: str = ""
    outline_sha256: str = ""
    version: str = __version__
    items: list[RecordedItem] = field(default_factory=list)
    citations: dict[str, int] = field(default_factory=dict)
    marker: CitationMarker = field(default_factory=CitationMarker)
    outline_text: str = ""  # the outline's text as exported ("" when not carried)
    content_sha256: str = ""  # content_digest() of the parts as written ("" when not recorded)

    def embedded_outline(self) -> str | None:
        """The outline's text as exported, when carried and matching its recorded SHA-256."""
        if not self.outline_text or not self.outline_sha256:
            return None
        data = self.outline_text.encode("utf-8")
        return self.outline_text if hashlib.sha256(data).hexdigest() == self.outline_sha256 else None

    def to_properties(self) -> dict[str, str]:
        """The record as custom document properties (name -> text), long values split."""
        values = {
            "outline": self.outline_name,
            "outline_sha256": self.outline_sha256,
            "version": self.version,
            "items": json.dumps([[i.position, i.block, i.kind] for i in self.items], separators=(",", ":")),
            "citations": json.dumps(self.citations, separators=(",", ":")),
            "marker": json.dumps(
                [self.marker.open, self.marker.close, self.marker.superscript, self.marker.range_separator]
            ),
        }
        if self.content_sha256:
            values["content_sha256"] = self.content_sha256
        packed = _pack(self.outline_text)
        if packed and len(packed) <= MAX_EMBEDDED:
            values["outline_text"] = packed
        properties: dict[str, str] = {}
        for name, value in values.items():
            pieces = [value[i : i + PROPERTY_PIECE] for i in range(0, len(value), PROPERTY_PIECE)] or [""]
            if len(pieces) == 1:
                properties[PROPERTY + name] = value
            else:
                for number, piece in enumerate(pieces, start=1):
                    properties[f"{PROPERTY}{name}#{number}"] = piece
        return properties

    @classmethod
    def from_properties(cls, properties: dict[str, str]) -> ExportRecord | None:
        """The record read back from custom properties; None when the file has none of ours.

        Raises ``ValueError`` when our properties are there but unreadable.
        """
        values = recorded_values(properties)
        if "items" not in values:
            return None
        try:
            items = [RecordedItem(int(p), b, str(k)) for p, b, k in json.loads(values["items"])]
            citations = {str(k): int(v) for k, v in json.loads(values.get("citations", "{}")).items()}
            marker = CitationMarker(*json.loads(values["marker"])) if "marker" in values else CitationMarker()
        except (ValueError, TypeError) as error:
            raise ValueError(f"rebuttal's document properties are damaged ({error})") from None
        return cls(
            outline_name=values.get("outline", ""), outline_sha256=values.get("outline_sha256", ""),
            version=values.get("version", ""), items=items, citations=citations, marker=marker,
            outline_text=_unpack(values.get("outline_text", "")),
            content_sha256=values.get("content_sha256", ""),
        )


def _pack(text: str) -> str:
    """``text`` compressed and in base64 (plain ASCII: safe in any document property)."""
    if not text:
        return ""
    import base64
    import zlib

    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def _unpack(packed: str) -> str:
    """The text :func:`_pack` made; "" for anything damaged or too large (it is only a convenience)."""
    if not packed or len(packed) > MAX_EMBEDDED:
        return ""
    import base64
    import binascii
    import zlib

    try:
        inflater = zlib.decompressobj()
        data = inflater.decompress(base64.b64decode(packed, validate=True), MAX_OUTLINE)
        if inflater.unconsumed_tail or not inflater.eof:
            return ""
        return data.decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        return ""


def outline_origin(path: Path | None) -> tuple[str, str]:
    """``(file name, SHA-256 of its bytes)`` of the outline a letter is built from."""
    if path is None:
        return "", ""
    try:
        return path.name, hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return path.name, ""


def record_for(
    document: Document, outline_name: str = "", outline_sha256: str = "", outline_text: str = ""
) -> ExportRecord:
    """The export record of ``document``: its items by position and its citation numbering (and,
    when given, the outline's text as exported)."""
    from rebuttal.model import Citation, Paragraph, PointList

    items: dict[int, RecordedItem] = {}
    citations: dict[str, int] = {}

    def note(source: Source | None, inlines: tuple[Inline, ...]) -> None:
        if source is not None and source.position not in items:
            kind = source.kind
            items[source.position] = RecordedItem(source.position, source.block_id, kind)
        for inline in inlines:
            if isinstance(inline, Citation):
                for key, number in zip(inline.keys, inline.numbers, strict=True):
                    citations.setdefault(key, number)

    for section in document.body:
        if isinstance(section, PointList):
            for point in section.points:
                note(point.source, point.heading)
                for paragraph in point.paragraphs:
                    note(paragraph.source or point.source, paragraph.inlines)
        elif isinstance(section, Paragraph):
            note(section.source, section.inlines)
    if document.competing_interests is not None:
        note(None, document.competing_interests.inlines)
    for reference in document.references:
        citations.setdefault(reference.key, reference.number)
    return ExportRecord(
        outline_name=outline_name, outline_sha256=outline_sha256,
        items=[items[p] for p in sorted(items)], citations=citations, marker=document.marker,
        outline_text=outline_text,
    )
