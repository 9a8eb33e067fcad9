"""The letter as the outline makes it now, item by item: what an edited DOCX is compared with.

The outline is assembled again; each body item keeps its heading and paragraphs
as comparison keys and plain text (:mod:`rebuttal.merge.wording`), together with
the markup each paragraph came from, so an unchanged paragraph inside an edited
item keeps its placeholders and citation keys exactly as written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rebuttal.exchange.record import ExportRecord, record_for
from rebuttal.letter.assemble import assemble, resolve_society
from rebuttal.letter.outline import BodyItem, Outline
from rebuttal.letter.placeholders import placeholder_values
from rebuttal.letter.signing import resolve_cosigners
from rebuttal.library.stack import Block, Library
from rebuttal.merge.wording import Piece, comparison_key, exported_pieces, plain_text, unbolded
from rebuttal.model import Document, Inline, Paragraph, PointList, Source, disclosure_line, inline_text
from rebuttal.text.markup import split_paragraphs
from rebuttal.text.printable import printable


@dataclass
class Wording:
    """One paragraph (or heading) of the letter: its key, its plain text and its markup."""

    key: str
    plain: str
    markup: str = ""


@dataclass
class BaselineItem:
    """One body item of the outline as it assembles now."""

    position: int
    item: BodyItem
    kind: str
    block: Block | None
    heading: Wording | None = None
    paragraphs: list[Wording] = field(default_factory=list)
    design: str = ""  # the article's: picks the block's wording, as assembly does

    @property
    def label(self) -> str:
        """``concerns/heterogeneity`` or ``custom text 3``."""
        return self.item.block or f"custom text {self.position + 1}"

    def text_markup(self) -> str:
        """The markup in force for the item's paragraphs (override, variant or block text)."""
        if self.item.text:
            return self.item.text
        return self.block.variant_text(self.item.variant, self.design) if self.block else ""

    def title_markup(self) -> str:
        """The markup in force for the item's heading."""
        return self.item.title or (self.block.title if self.block else "")


@dataclass
class Baseline:
    """Every body item, plus the texts around the body (date, title, signatures...)."""

    document: Document
    items: list[BaselineItem]
    numbering: dict[str, int]
    frame_texts: set[str]
    values: dict[str, str] = field(default_factory=dict)  # placeholder -> the text it printed


def build_baseline(
    library: Library, outline: Outline, record: ExportRecord | None, *, today: dt.date | None = None
) -> Baseline:
    """Assemble ``outline`` and describe it per item, citations numbered as ``record`` printed them."""
    document = assemble(library, outline, today=today)
    numbering = dict(record.citations) if record and record.citations else record_for(document).citations
    items = [
        BaselineItem(index, item, "", library.block(item.block) if item.block else None,
                     design=outline.article.design)
        for index, item in enumerate(outline.body)
    ]

    def wording(inlines: tuple[Inline, ...], *, heading: bool = False) -> Wording:
        pieces: list[Piece] = exported_pieces(inlines, numbering)
        if heading:
            pieces = unbolded(pieces)
        return Wording(comparison_key(pieces), plain_text(pieces))

    def note(source: Source | None, paragraph: Paragraph) -> None:
        if source is not None:
            items[source.position].kind = source.kind
            items[source.position].paragraphs.append(wording(paragraph.inlines))

    for section in document.body:
        if isinstance(section, PointList):
            for point in section.points:
                if point.source is not None:
                    baseline = items[point.source.position]
                    baseline.kind = point.source.kind
                    baseline.heading = wording(point.heading, heading=True)
                    baseline.heading.markup = baseline.title_markup()
                for paragraph in point.paragraphs:
                    note(paragraph.source or point.source, paragraph)
        else:
            note(section.source, section)
    for baseline in items:
        markups = split_paragraphs(baseline.text_markup())
        for wording_, markup in zip(baseline.paragraphs, markups, strict=False):
            wording_.markup = markup
    society = resolve_society(library, outline)
    paper = outline.letter.paper or (society.paper if society else "letter")
    letter_date = outline.letter.date or (today or dt.date.today()).isoformat()
    values = placeholder_values(outline, society, letter_date, paper,
                                cosigners=resolve_cosigners(library, outline))
    return Baseline(document, items, numbering, _frame_texts(document), values)


def _frame_texts(document: Document) -> set[str]:
    """Texts of the paragraphs around the body, which a merge leaves to the outline's fields."""
    texts = {document.date, document.recipient, document.title, document.salutation, "References"}
    texts.update((*document.letterhead.names, document.letterhead.tagline))
    for group in document.signature_groups():
        texts.add(group.heading)
        for signatory in group.signatories:
            texts.add(signatory.display_name)
            texts.add(" ".join((signatory.display_name, *signatory.details)))
    if document.competing_interests is not None:
        statement = inline_text(document.competing_interests.inlines, document.marker)
        texts.update(("Competing interests: " + statement, statement))
    if document.disclosures():
        texts.add("Competing interests")
        texts.update(disclosure_line(name, disclosure) for name, disclosure in document.disclosures())
    for reference in document.references:
        texts.add(reference.plain())
    # As the DOCX holds them: a reference's U+FFFE (a library's JSON may hold one) is not exported.
    return {" ".join(printable(text).split()) for text in texts if text}
