"""DOCX: the letter that leaves the building, for editors in Word or LibreOffice.

This is the only module that imports python-docx. Points and references use
Word's own numbering (each list of points restarts at 1), every paragraph has
a named style, and citation numbers are plain text, not fields.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from rebuttal.model import Citation, Document, Inline, Paragraph, PointList

POINT_STYLE = "List Number"
BODY_STYLE = "Body Text"
REFERENCE_STYLE = "Bibliography"


def write_docx(document: Document, path: Path) -> None:
    """Write ``document`` as a Word file at ``path``."""
    word = new_docx()
    _ensure_styles(word)
    numbering = _Numbering(word)
    if document.letterhead.name:
        word.add_paragraph(document.letterhead.name, style="Heading 1")
    for line in (document.date, document.recipient):
        if line:
            word.add_paragraph(line, style=BODY_STYLE)
    if document.title:
        word.add_paragraph(document.title, style="Title")
    if document.salutation:
        word.add_paragraph(document.salutation, style=BODY_STYLE)
    for section in document.body:
        if isinstance(section, Paragraph):
            _add_inlines(word.add_paragraph(style=BODY_STYLE), section.inlines, document)
            continue
        assert isinstance(section, PointList)
        num_id = numbering.new_list(numbering.points_abstract)
        for point in section.points:
            heading = word.add_paragraph(style=POINT_STYLE)
            numbering.apply(heading, num_id)
            _add_inlines(heading, point.heading, document, bold=True)
            for paragraph in point.paragraphs:
                body = word.add_paragraph(style=BODY_STYLE)
                body.paragraph_format.left_indent = Pt(18)
                _add_inlines(body, paragraph.inlines, document)
    for signatory in document.signatories:
        signature = word.add_paragraph(style=BODY_STYLE)
        signature.add_run(signatory.display_name).bold = True
        if signatory.role:
            signature.add_run().add_break()
            signature.add_run(signatory.role)
    if document.competing_interests is not None:
        statement = word.add_paragraph(style=BODY_STYLE)
        statement.add_run("Competing interests: ").italic = True
        _add_inlines(statement, document.competing_interests.inlines, document)
    if document.references:
        word.add_paragraph("References", style="Heading 2")
        num_id = numbering.new_list(numbering.references_abstract)
        for reference in document.references:
            entry = word.add_paragraph(style=REFERENCE_STYLE)
            numbering.apply(entry, num_id)
            _add_inlines(entry, reference.inlines, document)
    properties = word.core_properties
    properties.title = document.title
    properties.author = document.letterhead.name
    properties.subject = document.subject
    properties.keywords = ", ".join(document.keywords)
    word.save(str(path))


def _add_inlines(
    paragraph: DocxParagraph, inlines: tuple[Inline, ...], document: Document, *, bold: bool = False
) -> None:
    marker = document.marker
    for inline in inlines:
        if isinstance(inline, Citation):
            label = inline.label(marker.range_separator)
            run = paragraph.add_run(label if marker.superscript else f"{marker.open}{label}{marker.close}")
            run.font.superscript = marker.superscript
            run.bold = bold or None
            continue
        run = paragraph.add_run(inline.text)
        run.bold = (inline.bold or bold) or None
        run.italic = inline.italic or None


def _ensure_styles(word: object) -> None:
    styles = word.styles  # type: ignore[attr-defined]
    names = {style.name for style in styles}
    if REFERENCE_STYLE not in names:
        style = styles.add_style(REFERENCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.space_after = Pt(3)


class _Numbering:
    """Word numbering definitions: one abstract list per kind, one instance per list."""

    def __init__(self, word: object) -> None:
        self.element = word.part.numbering_part.element  # type: ignore[attr-defined]
        self._next_abstract = 1 + max(
            [int(a.get(_w("abstractNumId"))) for a in self.element.findall(_w("abstractNum"))] or [0]
        )
        self.points_abstract = self._add_abstract(indent=360, hanging=360)
        self.references_abstract = self._add_abstract(indent=567, hanging=567)

    def _add_abstract(self, *, indent: int, hanging: int) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        xml = (
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
            "</w:abstractNum>"
        )
        abstract = parse_xml(xml)
        # Schema order: every abstractNum comes before the first num.
        first_num = self.element.find(_w("num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.element.append(abstract)
        return abstract_id

    def new_list(self, abstract_id: int) -> int:
        """A new list instance that starts at 1."""
        num = self.element.add_num(abstract_id)
        override = parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        )
        num.append(override)
        return int(num.numId)

    def apply(self, paragraph: DocxParagraph, num_id: int) -> None:
        """Number ``paragraph`` in list ``num_id``."""
        properties = paragraph._p.get_or_add_pPr()
        num_pr = properties.get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"
