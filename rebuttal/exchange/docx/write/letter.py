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

from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx import names
from rebuttal.exchange.docx.write.anchors import Bookmarks, write_custom_properties
from rebuttal.exchange.docx.write.comments import Comments
from rebuttal.exchange.docx.write.numbering import ListNumbering
from rebuttal.exchange.docx.write.opc import CT, RT
from rebuttal.exchange.docx.write.page import (
    add_letterhead,
    add_page_numbers,
    has_own_letterhead,
    template_needs_footer,
)
from rebuttal.exchange.docx.write.properties import write_properties
from rebuttal.exchange.docx.write.reproducible import build_time
from rebuttal.exchange.docx.write.styles import add_missing_styles, house_styles
from rebuttal.exchange.docx.write.template import Start, blank_start, open_template
from rebuttal.exchange.docx.write.wordml import BREAK_RUN, STORY_NAMESPACES, WordParagraph, run, xml_part
from rebuttal.exchange.record import HEADING_PART, bookmark_name, record_for, reference_bookmark
from rebuttal.exchange.record_values import content_digest
from rebuttal.files.guarded_xml import BadXML
from rebuttal.model import Citation, Document, Inline, PointList, Source
from rebuttal.text.printable import printable

__all__ = ["write_docx"]
_STYLES_TYPE = CT + "wordprocessingml.styles+xml"
_NUMBERING_TYPE = CT + "wordprocessingml.numbering+xml"


def write_docx(
    document: Document,
    path: Path,
    *,
    template: Path | str | None = None,
    comments: bool = False,
    origin: tuple[str, ...] = ("", ""),
) -> None:
    """Write ``document`` as a Word letter at ``path`` (optionally on a society's ``template``).

    ``origin`` is the outline's file name and content hash (and text, carried when small enough),
    recorded for ``rebuttal merge``.
    """
    start = open_template(Path(template)) if template else blank_start()
    try:
        _write(document, path, start, template=template, comments=comments, origin=origin)
    except BadXML as error:  # only a template's parts can be bad: every other piece of XML is ours
        raise RebuttalError(f"not a Word document or template (.docx or .dotx): {error}", file=template,
                            field="--template") from None


def _write(document: Document, path: Path, start: Start, *, template: Path | str | None, comments: bool,
           origin: tuple[str, str]) -> None:
    package, main, section = start.package, start.main, start.section
    ids = _styles(start)
    section.set_paper(document.paper, margins=not template)
    if not template or not has_own_letterhead(section):
        add_letterhead(section, document, ids)
    if not template or template_needs_footer(section):
        add_page_numbers(section, ids)
    numbering_name = package.related(main, RT + "numbering")
    numbering = ListNumbering(package.parts.get(numbering_name) if numbering_name else None)
    writer = _LetterWriter(document, ids, numbering, Comments(comments, ids), _Links(start))
    body = writer.write()
    when = build_time(document.issued)
    body += section.xml()
    package.put(main, xml_part(f"<w:document {STORY_NAMESPACES}><w:body>{body}</w:body></w:document>"))
    numbers = numbering.part()
    if numbers is not None:
        numbering_name = numbering_name or "word/numbering.xml"
        package.put(numbering_name, numbers, _NUMBERING_TYPE)
        package.relate(main, RT + "numbering", numbering_name)
    writer.comments.write(package, main, when)
    write_properties(package, document, when)
    record = record_for(document, *origin)
    record.content_sha256 = content_digest(package.parts)  # every part under word/ is final now
    write_custom_properties(package, record.to_properties())
    package.write(path, when.timetuple())


def _styles(start: Start) -> dict[str, str]:
    """Name -> style id of every style the letter uses: ours, or the template's plus what it lacks."""
    package, main = start.package, start.main
    name = package.related(main, RT + "styles")
    if start.template and name in package.parts:
        data, ids = add_missing_styles(package.parts[name])
    else:
        data, ids = house_styles()
        name = name or "word/styles.xml"
    package.put(name, data, _STYLES_TYPE)
    package.relate(main, RT + "styles", name)
    return ids


@dataclass
class _Links:
    """Hyperlink relationships of the main document part (one per address)."""

    start: Start

    def relate(self, url: str) -> str:
        return self.start.package.relate(self.start.main, RT + "hyperlink", url, external=True)


@dataclass
class _LetterWriter:
    """Writes the body of one letter as the paragraphs of one Word document."""

    document: Document
    ids: dict[str, str]  # style name -> style id in this document
    numbering: ListNumbering
    comments: Comments
    links: _Links
    paragraphs: list[WordParagraph] = field(default_factory=list)
    bookmarks: Bookmarks = field(default_factory=Bookmarks)
    _parts: dict[int, int] = field(default_factory=dict)  # paragraphs anchored per item position

    def write(self) -> str:
        """The whole letter in reading order, as the body's XML."""
        document = self.document
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
        self.comments.flush()
        self._signatures()
        self._competing_interests()
        self._references()
        return "".join(paragraph.xml() for paragraph in self.paragraphs)

    def _new(self, style: str) -> WordParagraph:
        """An empty paragraph in named style ``style`` (set by id)."""
        paragraph = WordParagraph(self.ids[style])
        self.paragraphs.append(paragraph)
        return paragraph

    def _inlines(self, inlines: tuple[Inline, ...]) -> list[str]:
        """Runs for ``inlines``: emphasis, plain-text citation numbers (no fields), real hyperlinks."""
        runs = []
        for inline in inlines:
            if isinstance(inline, Citation):
                marked = self.document.marker.printed(inline.numbers)
                shown = run(marked.text, superscript=marked.superscript)
                # As reference managers do: the group links to its (first) entry in the reference
                # list, looking just as before; merge reads the run inside the link as ever.
                first = min(inline.numbers, default=0)
                if any(reference.number == first for reference in self.document.references):
                    target = reference_bookmark(first)
                    shown = f'<w:hyperlink w:anchor="{target}" w:history="1">{shown}</w:hyperlink>'
                runs.append(shown)
                continue
            value = printable(inline.text)
            if not value:
                continue
            # Emphasis written in the block (**bold**, *italic*) is content, not layout.
            if inline.link:
                link = self.links.relate(printable(inline.link))
                shown = run(value, style_id=self.ids[names.HYPERLINK], bold=inline.bold, italic=inline.italic)
                runs.append(f'<w:hyperlink r:id="{link}" w:history="1">{shown}</w:hyperlink>')
            else:
                runs.append(run(value, bold=inline.bold, italic=inline.italic))
        return runs

    def _line(self, style: str, value: str) -> None:
        if value:
            self._new(style).content.append(run(printable(value)))

    def _paragraph(
        self, style: str, inlines: tuple[Inline, ...], source: Source | None, *, heading: bool = False
    ) -> WordParagraph:
        paragraph = self._new(style)
        paragraph.content += self._inlines(inlines)
        self.comments.collect(source, paragraph)
        if source is not None:
            if heading:
                part = HEADING_PART
            else:
                part = str(self._parts.get(source.position, 0))
                self._parts[source.position] = int(part) + 1
            self.bookmarks.wrap(paragraph, bookmark_name(source, part))
        return paragraph

    def _points(self, points: PointList) -> None:
        num_id = self.numbering.new_points_list()
        for point in points.points:
            heading = self._paragraph(names.POINT, point.heading, point.source, heading=True)
            heading.num_id = num_id
            for paragraph in point.paragraphs:
                self._paragraph(names.POINT_BODY, paragraph.inlines, paragraph.source or point.source)

    def _signatures(self) -> None:
        for group in self.document.signature_groups():
            if group.heading:  # a joint letter: each society's signatories under its name
                heading = self._new(names.SIGNATURE)
                heading.content.append(run(printable(group.heading), italic=True))
                heading.keep_with_next = True
            for signatory in group.signatories:
                signature = self._new(names.SIGNATURE)
                shown = printable(signatory.display_name)
                signature.content.append(run(shown, style_id=self.ids[names.STRONG]))
                for line in signatory.details:
                    signature.content += [BREAK_RUN, run(printable(line))]

    def _competing_interests(self) -> None:
        """The letter's statement for everyone, and each signatory's disclosure by name."""
        document = self.document
        disclosures = document.disclosures()
        strong = self.ids[names.STRONG]
        if not disclosures:
            if document.competing_interests is not None:
                statement = self._new(names.COMPETING)
                statement.content.append(run("Competing interests: ", style_id=strong))
                statement.content += self._inlines(document.competing_interests.inlines)
            return
        heading = self._new(names.COMPETING)
        heading.content.append(run("Competing interests", style_id=strong))
        heading.keep_with_next = True  # never alone at the foot of a page
        if document.competing_interests is not None:
            self._new(names.COMPETING).content += self._inlines(document.competing_interests.inlines)
        for name, disclosure in disclosures:
            line = self._new(names.COMPETING)
            line.content += [run(printable(name) + ": ", italic=True), run(printable(disclosure))]

    def _references(self) -> None:
        if not self.document.references:
            return
        self._line(names.REFERENCES_HEADING, "References")
        num_id = self.numbering.new_references_list()
        for reference in self.document.references:
            entry = self._new(names.REFERENCE)
            entry.num_id = num_id
            entry.content += self._inlines(reference.inlines)
            self.bookmarks.wrap(entry, reference_bookmark(reference.number))


def _kind(source: Source | None) -> str:
    return source.kind if source else ""
