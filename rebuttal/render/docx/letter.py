"""Lay the assembled letter out as a Word document, paragraph by paragraph.

Every paragraph gets a named style (Date, Title, Body Text, Point Heading,
Closing, Signature, Bibliography...), never direct formatting, so editors
restyle the letter by editing styles. With ``comments`` each run of
paragraphs from one library block carries a Word comment naming the block,
its version and approval status.

Every body item's paragraphs also carry invisible bookmarks, and the file records
its export (outline, items, citation numbering) in custom document properties, so
that ``rebuttal merge`` can take an edited copy back (see ``anchors``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as WordDocument
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from rebuttal.export_record import HEADING_PART, bookmark_name, record_for
from rebuttal.model import Document, Inline, PointList, Source
from rebuttal.render.docx import styles as names
from rebuttal.render.docx.anchors import Bookmarks, write_custom_properties
from rebuttal.render.docx.inlines import add_inlines
from rebuttal.render.docx.numbering import ListNumbering
from rebuttal.render.docx.page import add_letterhead, add_page_numbers, set_paper, template_needs_footer
from rebuttal.render.docx.reproducible import build_time, save_reproducibly
from rebuttal.render.docx.styles import prepare_styles
from rebuttal.render.docx.template import blank_document, has_own_letterhead, open_template
from rebuttal.render.printable import printable

COMMENT_AUTHOR = "rebuttal"


def write_docx(
    document: Document,
    path: Path,
    *,
    template: Path | str | None = None,
    comments: bool = False,
    origin: tuple[str, str] = ("", ""),
) -> None:
    """Write ``document`` as a Word letter at ``path`` (optionally on a society's ``template``).

    ``origin`` is the outline's file name and content hash, recorded for ``rebuttal merge``.
    """
    word = open_template(Path(template)) if template else blank_document()
    ids = prepare_styles(word, house=not template)
    section = word.sections[0]
    set_paper(section, document.paper, margins=not template)
    if not template or not has_own_letterhead(word):
        add_letterhead(section, document, ids)
    if not template or template_needs_footer(word):
        add_page_numbers(section, ids)
    _LetterWriter(word, document, ids, comments).write()
    when = build_time(document.issued)
    _set_properties(word, document, when)
    write_custom_properties(word, record_for(document, *origin).to_properties())
    save_reproducibly(word, path, when)


@dataclass
class _LetterWriter:
    """Writes the body of one letter into one Word document."""

    word: WordDocument
    document: Document
    ids: dict[str, str]  # style name -> style id in this document
    comments: bool
    numbering: ListNumbering | None = None
    bookmarks: Bookmarks = field(default_factory=Bookmarks)
    _parts: dict[int, int] = field(default_factory=dict)  # paragraphs anchored per item position
    # Runs of the paragraphs that came from one use of a block, awaiting their comment.
    _pending: tuple[Source | None, list[Run]] = field(default_factory=lambda: (None, []))

    def write(self) -> None:
        """The whole letter in reading order."""
        document = self.document
        self.numbering = ListNumbering(self.word)
        self._line(names.DATE, document.date)
        self._line(names.RECIPIENT, document.recipient)
        self._line(names.TITLE, document.title)
        self._line(names.SALUTATION, document.salutation)
        for section in document.body:
            if isinstance(section, PointList):
                self._points(section)
            else:
                style = names.CLOSING if _kind(section.source) == "signature" else names.BODY
                self._paragraph(style, section.inlines, section.source)
        self._flush_comment()
        self._signatures()
        if document.competing_interests is not None:
            statement = self._new(names.COMPETING)
            self._run(statement, "Competing interests: ", names.STRONG)
            self._inlines(statement, document.competing_interests.inlines)
        self._references()

    def _new(self, style: str) -> WordParagraph:
        """An empty paragraph in named style ``style``, set by id (a name lookup is slow)."""
        paragraph = self.word.add_paragraph()
        paragraph._p.style = self.ids[style]
        return paragraph

    def _run(self, paragraph: WordParagraph, text: str, style: str | None = None) -> Run:
        run = paragraph.add_run(printable(text))
        if style:
            run._r.style = self.ids[style]
        return run

    def _inlines(self, paragraph: WordParagraph, inlines: tuple[Inline, ...]) -> list[Run]:
        return add_inlines(paragraph, inlines, self.document.marker, self.ids[names.HYPERLINK])

    def _line(self, style: str, text: str) -> None:
        if text:
            self._run(self._new(style), text)

    def _paragraph(
        self, style: str, inlines: tuple[Inline, ...], source: Source | None, *, heading: bool = False
    ) -> WordParagraph:
        paragraph = self._new(style)
        runs = self._inlines(paragraph, inlines)
        self._collect(source, runs)
        if source is not None:
            if heading:
                part = HEADING_PART
            else:
                part = str(self._parts.get(source.position, 0))
                self._parts[source.position] = int(part) + 1
            self.bookmarks.wrap(paragraph, bookmark_name(source, part))
        return paragraph

    def _points(self, points: PointList) -> None:
        assert self.numbering is not None
        num_id = self.numbering.new_points_list()
        for point in points.points:
            heading = self._paragraph(names.POINT, point.heading, point.source, heading=True)
            self.numbering.apply(heading, num_id)
            for paragraph in point.paragraphs:
                self._paragraph(names.POINT_BODY, paragraph.inlines, paragraph.source or point.source)

    def _signatures(self) -> None:
        for signatory in self.document.signatories:
            signature = self._new(names.SIGNATURE)
            self._run(signature, signatory.display_name, names.STRONG)
            if signatory.role:
                signature.add_run().add_break()
                self._run(signature, signatory.role)

    def _references(self) -> None:
        if not self.document.references:
            return
        assert self.numbering is not None
        self._line(names.REFERENCES_HEADING, "References")
        num_id = self.numbering.new_references_list()
        for reference in self.document.references:
            entry = self._new(names.REFERENCE)
            self.numbering.apply(entry, num_id)
            self._inlines(entry, reference.inlines)

    def _collect(self, source: Source | None, runs: list[Run]) -> None:
        """Group consecutive paragraphs of one block use; one comment covers them all."""
        if not self.comments:
            return
        current, pending = self._pending
        if source is None or current is None or source.position != current.position:
            self._flush_comment()
            self._pending = (source, list(runs))
        else:
            pending.extend(runs)

    def _flush_comment(self) -> None:
        source, runs = self._pending
        self._pending = (None, [])
        if not self.comments or source is None or not runs:
            return
        if source.block_id is None:
            text = "New wording written for this letter (not from the approved library)."
        else:
            text = f"Library block {source.label}."
        self.word.add_comment(runs, text=text, author=COMMENT_AUTHOR, initials="RB")


def _kind(source: Source | None) -> str:
    return source.kind if source else ""


def _set_properties(word: WordDocument, document: Document, when: dt.datetime) -> None:
    properties = word.core_properties
    properties.title = printable(document.title)
    properties.author = printable(document.letterhead.name)
    properties.last_modified_by = printable(document.letterhead.name)
    properties.subject = printable(document.subject)
    properties.keywords = printable(", ".join(document.keywords))
    properties.category = "Letter"
    properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = when

