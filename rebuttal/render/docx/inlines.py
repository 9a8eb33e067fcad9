"""Runs inside a paragraph: emphasis, plain-text citation numbers, real hyperlinks.

Citation numbers are ordinary text runs (no fields an editor can break);
a span with a link (a DOI, a URL) becomes a Word hyperlink in the
``Hyperlink`` character style. All text passes through :func:`printable`,
so a control character in a block never crashes python-docx.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from rebuttal.model import Citation, CitationMarker, Inline
from rebuttal.render.printable import printable


def add_inlines(
    paragraph: WordParagraph, inlines: tuple[Inline, ...], marker: CitationMarker, link_style: str
) -> list[Run]:
    """Append ``inlines`` to ``paragraph``; return the runs added (for comment anchors).

    ``link_style`` is the style id of the Hyperlink character style.
    """
    runs: list[Run] = []
    for inline in inlines:
        if isinstance(inline, Citation):
            label = inline.label(marker.range_separator)
            if marker.superscript:
                run = paragraph.add_run(label)
                run.font.superscript = True
            else:
                run = paragraph.add_run(f"{marker.open}{label}{marker.close}")
            runs.append(run)
            continue
        text = printable(inline.text)
        if not text:
            continue
        if inline.link:
            run = add_hyperlink(paragraph, text, printable(inline.link), link_style)
        else:
            run = paragraph.add_run(text)
        # Emphasis written in the block (**bold**, *italic*) is content, not layout.
        if inline.bold:
            run.bold = True
        if inline.italic:
            run.italic = True
        runs.append(run)
    return runs


def add_hyperlink(paragraph: WordParagraph, text: str, url: str, style_id: str) -> Run:
    """Append ``text`` as a hyperlink to ``url`` (character style ``style_id``); return its run."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    element = OxmlElement("w:r")
    link.append(element)
    element.style = style_id
    run = Run(element, paragraph)
    run.text = text
    return run
