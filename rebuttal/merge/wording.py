"""Paragraph wording in three comparable forms: a comparison key, plain text and markup.

An exported paragraph (from the assembled document) and an edited one (runs
read from the DOCX) are both reduced to *pieces*: text with its emphasis, or
a citation group as the numbers the export printed. Two paragraphs are the
same wording when their keys are equal, so a LibreOffice re-save that splits
runs differently changes nothing. Edited pieces become markup again:
``**bold**``, ``*italic*`` and ``[@key]`` from the export's numbering. Where the
citation numbers stand in edited text is the marker's to say
(:mod:`rebuttal.text.citations`, which also wrote them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rebuttal.exchange.edited import EditedRun
from rebuttal.model import Citation, Inline
from rebuttal.text.citations import CitationMarker
from rebuttal.text.markup import escape


class UnknownCitation(ValueError):
    """An edited citation number that matches no reference of the export."""

    def __init__(self, number: int) -> None:
        super().__init__(f"citation number {number} matches no reference of the exported letter")
        self.number = number


@dataclass(frozen=True)
class Piece:
    """Text with emphasis, or (``numbers`` set) a citation group."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    numbers: tuple[int, ...] = ()

    @property
    def is_citation(self) -> bool:
        """True for a citation group."""
        return bool(self.numbers)


def exported_pieces(inlines: tuple[Inline, ...], numbering: dict[str, int]) -> list[Piece]:
    """The pieces of an assembled paragraph; citations numbered as in the export (``numbering``)."""
    pieces = []
    for inline in inlines:
        if isinstance(inline, Citation):
            numbers = tuple(numbering.get(key, 0) for key in inline.keys)
            pieces.append(Piece(numbers=numbers))
        elif inline.text:
            pieces.append(Piece(inline.text, inline.bold, inline.italic))
    return pieces


def edited_pieces(runs: list[EditedRun], marker: CitationMarker) -> list[Piece]:
    """The pieces of edited runs: citation numbers found where the marker prints them."""
    pieces: list[Piece] = []
    if marker.superscript:
        for run in runs:
            numbers = marker.read_raised(run.text) if run.superscript else None
            pieces.append(Piece(numbers=numbers) if numbers else Piece(run.text, run.bold, run.italic))
        return _joined(pieces)
    for piece in _joined([Piece(run.text, run.bold, run.italic) for run in runs]):
        for found in marker.find(piece.text):
            if isinstance(found, str):
                pieces.append(Piece(found, piece.bold, piece.italic))
            else:
                pieces.append(Piece(numbers=found))
    return pieces


def unbolded(pieces: list[Piece]) -> list[Piece]:
    """A heading's pieces without bold: the heading style prints it bold anyway."""
    return [Piece(p.text, False, p.italic, p.numbers) for p in pieces]


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring text of the same emphasis as one piece (re-saves split runs anywhere)."""
    joined: list[Piece] = []
    for piece in pieces:
        last = joined[-1] if joined else None
        if (
            last is not None and not piece.is_citation and not last.is_citation
            and (last.bold, last.italic) == (piece.bold, piece.italic)
        ):
            joined[-1] = Piece(last.text + piece.text, last.bold, last.italic)
        elif piece.is_citation or piece.text:
            joined.append(piece)
    return joined


def comparison_key(pieces: list[Piece]) -> str:
    """A canonical string: equal keys mean the same words, emphasis and citations."""

    def numbers(piece: Piece) -> str:
        return "⟨" + ",".join(str(n) for n in sorted(set(piece.numbers))) + "⟩"

    return _written(pieces, numbers)


def plain_text(pieces: list[Piece]) -> str:
    """The words as a reader sees them in a report or diff (citations as ``[1,2]`` whatever the marker),
    white space folded."""
    out = []
    for piece in pieces:
        if piece.is_citation:
            out.append("[" + ",".join(str(n) for n in piece.numbers) + "]")
        else:
            out.append(piece.text)
    return " ".join("".join(out).split())


def to_markup(
    pieces: list[Piece], keys_by_number: dict[int, str], *, space_before_citations: bool = False
) -> str:
    """Markup for ``pieces``: emphasis as ``**``/``*``, numbers as ``[@key]``.

    ``space_before_citations``: a superscript number hugs its word ("needed²"), but
    the library writes ``needed [@key]`` so that other markers read "needed (2)".
    Raises :class:`UnknownCitation` for a number the export did not use.
    """

    def citation(piece: Piece) -> str:
        keys = []
        for number in piece.numbers:
            if number not in keys_by_number:
                raise UnknownCitation(number)
            if keys_by_number[number] not in keys:
                keys.append(keys_by_number[number])
        return "[" + "; ".join("@" + key for key in keys) + "]"

    return _written(pieces, citation, space_before_citations=space_before_citations)


def _written(
    pieces: list[Piece], citation: Callable[[Piece], str], *, space_before_citations: bool = False
) -> str:
    """Text escaped, emphasis as the fewest ``**``/``*`` toggles, citations as ``citation`` writes them.

    Toggling only what changes matters: ``*a*`` then ``***b***`` would run together
    as ``*a****b***``, which reads as two bold marks.
    """
    out: list[str] = []
    bold = italic = False
    for piece in _normalised(pieces):
        if piece.is_citation:
            if space_before_citations and out and not out[-1][-1:].isspace():
                out.append(" ")
            out.append(citation(piece))
            continue
        toggles = ("**" if piece.bold != bold else "") + ("*" if piece.italic != italic else "")
        bold, italic = piece.bold, piece.italic
        out.append(toggles + escape(piece.text))
    out.append(("**" if bold else "") + ("*" if italic else ""))
    return " ".join("".join(out).split())


def _normalised(pieces: list[Piece]) -> list[Piece]:
    """Emphasis never covers white space at its edges: ``**a **b`` reads as ``**a** b``."""
    result = []
    for piece in _joined(pieces):
        if piece.is_citation or not (piece.bold or piece.italic):
            result.append(piece)
            continue
        text = piece.text
        core = text.strip()
        if not core:
            result.append(Piece(text))
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if lead:
            result.append(Piece(lead))
        result.append(Piece(core, piece.bold, piece.italic))
        if trail:
            result.append(Piece(trail))
    return result
