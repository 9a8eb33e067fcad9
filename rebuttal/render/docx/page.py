"""The page around the letter: paper size, letterhead, running header, page numbers.

The letterhead (logo, society name, tagline) is the first page's header, as
in a society's own Word letterhead, so editing the body never disturbs it;
later pages carry a small running header. Every page's footer says
``Page N of M`` with PAGE/NUMPAGES fields (the no-fields rule is for citations).
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as WordDocument
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.section import Section, _Footer, _Header
from docx.shared import Cm, Inches, Mm
from docx.text.paragraph import Paragraph as WordParagraph

from rebuttal.errors import RebuttalError
from rebuttal.model import Document
from rebuttal.render.docx.styles import FOOTER, HEADER, LETTERHEAD, TAGLINE
from rebuttal.render.printable import printable

PAPER = {"letter": (Inches(8.5), Inches(11), Inches(1)), "a4": (Mm(210), Mm(297), Mm(25))}
LOGO_HEIGHT = Cm(1.9)


def set_paper(section: Section, paper: str, *, margins: bool) -> None:
    """A4 or US Letter, portrait; our margins unless a template set its own."""
    width, height, margin = PAPER.get(paper, PAPER["letter"])
    section.page_width, section.page_height = width, height
    if margins:
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = margin
        section.header_distance = section.footer_distance = Cm(1.1)


def add_letterhead(section: Section, document: Document, ids: dict[str, str]) -> None:
    """The society's letterhead on page 1, a running header on the pages after it."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    head = document.letterhead
    paragraphs: list[tuple[str, str]] = []
    if head.name:
        paragraphs.append((LETTERHEAD, head.name))
    if head.tagline:
        paragraphs.append((TAGLINE, head.tagline))
    if head.logo:
        logo = _first_paragraph(first, ids[LETTERHEAD])
        _add_logo(logo, Path(head.logo), printable(f"{head.name or head.short_name} logo"))
    for style, text in paragraphs:
        _next_paragraph(first, ids[style]).add_run(printable(text))
    running = section.header
    running.is_linked_to_previous = False
    label = " · ".join(part for part in (head.short_name or head.name, document.title) if part)
    _first_paragraph(running, ids[HEADER]).add_run(printable(label))


def add_page_numbers(section: Section, ids: dict[str, str]) -> None:
    """``Page N of M`` in the footer of every page (first page included)."""
    footers = [section.footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    for footer in footers:
        footer.is_linked_to_previous = False
        paragraph = _first_paragraph(footer, ids[FOOTER])
        paragraph.add_run("Page ")
        _add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" of ")
        _add_field(paragraph, "NUMPAGES", "1")


def template_needs_footer(word: WordDocument) -> bool:
    """True when the template's section has no footer of its own."""
    return word.sections[0].footer.is_linked_to_previous


def _add_logo(paragraph: WordParagraph, path: Path, description: str) -> None:
    if not path.is_file():
        raise RebuttalError("logo file not found", file=path, field="logo")
    try:
        shape = paragraph.add_run().add_picture(str(path), height=LOGO_HEIGHT)
        shape._inline.docPr.set("descr", description)  # alternative text for screen readers
    except UnrecognizedImageError:
        raise RebuttalError(
            "logo is not an image Word can show (use PNG, JPEG, GIF, BMP or TIFF)", file=path, field="logo"
        ) from None
    except Exception as error:  # A truncated or corrupt image file.
        detail = str(error) or type(error).__name__
        raise RebuttalError(
            f"logo is a damaged image file ({detail})", file=path, field="logo"
        ) from None


def _first_paragraph(story: _Header | _Footer, style_id: str) -> WordParagraph:
    # A new header or footer part already holds one empty paragraph: use it.
    paragraph = story.paragraphs[0] if story.paragraphs else story.add_paragraph()
    if paragraph.text or paragraph.runs:
        paragraph = story.add_paragraph()
    paragraph._p.style = style_id
    return paragraph


def _next_paragraph(story: _Header, style_id: str) -> WordParagraph:
    paragraphs = story.paragraphs
    paragraph = paragraphs[0] if len(paragraphs) == 1 and not paragraphs[0].runs else story.add_paragraph()
    paragraph._p.style = style_id
    return paragraph


def _add_field(paragraph: WordParagraph, instruction: str, shown: str) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
            f"<w:r><w:t>{shown}</w:t></w:r></w:fldSimple>"
        )
    )
