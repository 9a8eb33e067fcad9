"""WordprocessingML written as text: runs, paragraphs, and the namespaces they live in.

Every piece of the letter is a small, fixed shape of XML, so it is written
directly as escaped text rather than built as an element tree: that is both
faster and easier to read next to the spec (ECMA-376 part 1, section 17).
Element order inside ``w:pPr`` and ``w:rPr`` follows the schema, which Word
enforces.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rebuttal.exchange.docx.names import W_NS

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
# Declared on the root of every story part we write (document, headers, footers, comments).
STORY_NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:pic="{PIC_NS}"'
)
BREAK_RUN = "<w:r><w:br/></w:r>"


def text(value: str) -> str:
    """``value`` escaped for XML character data."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted XML attribute."""
    return text(value).replace('"', "&quot;")


def xml_part(body: str) -> bytes:
    """``body`` as a part's bytes, with the XML declaration Word writes."""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + body).encode("utf-8")


def run(
    value: str, *, style_id: str | None = None, bold: bool = False, italic: bool = False,
    superscript: bool = False,
) -> str:
    """A run of text (``value`` already made printable) with optional character formatting."""
    properties = ""
    if style_id:
        properties += f'<w:rStyle w:val="{attr(style_id)}"/>'
    if bold:
        properties += "<w:b/>"
    if italic:
        properties += "<w:i/>"
    if superscript:
        properties += '<w:vertAlign w:val="superscript"/>'
    if properties:
        properties = f"<w:rPr>{properties}</w:rPr>"
    # Without xml:space="preserve" Word may drop spaces at the ends of a run.
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() or "  " in value else ""
    return f"<w:r>{properties}<w:t{space}>{text(value)}</w:t></w:r>"


def simple_field(instruction: str, shown: str) -> str:
    """A simple field (``PAGE``, ``NUMPAGES``) showing ``shown`` until Word updates it."""
    return (f'<w:fldSimple w:instr=" {attr(instruction)} \\* MERGEFORMAT ">'
            f"<w:r><w:t>{text(shown)}</w:t></w:r></w:fldSimple>")


@dataclass
class WordParagraph:
    """One paragraph being written: its style, list numbering, content and the marks around it."""

    style_id: str
    content: list[str] = field(default_factory=list)  # run-level XML, in order
    num_id: int | None = None  # Word list instance (level 0), for points and references
    bookmark: tuple[int, str] | None = None  # (id, name) around the whole content
    comments_starting: list[int] = field(default_factory=list)
    comments_ending: list[int] = field(default_factory=list)
    comment_reference_style: str = "CommentReference"  # the style id of the comment marks ending here
    keep_with_next: bool = False  # on the same page as the next paragraph (a heading its style lacks)

    def xml(self) -> str:
        """The ``w:p`` element."""
        properties = f'<w:pStyle w:val="{attr(self.style_id)}"/>'
        if self.keep_with_next:
            properties += "<w:keepNext/>"  # after pStyle, before numPr: the schema's order
        if self.num_id is not None:
            properties += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{self.num_id}"/></w:numPr>'
        parts = [f"<w:p><w:pPr>{properties}</w:pPr>"]
        if self.bookmark:
            parts.append(f'<w:bookmarkStart w:id="{self.bookmark[0]}" w:name="{attr(self.bookmark[1])}"/>')
        parts += [f'<w:commentRangeStart w:id="{number}"/>' for number in self.comments_starting]
        parts += self.content
        for number in self.comments_ending:
            reference = f'<w:commentReference w:id="{number}"/>'
            parts.append(f'<w:commentRangeEnd w:id="{number}"/>'
                         f'<w:r><w:rPr><w:rStyle w:val="{attr(self.comment_reference_style)}"/></w:rPr>'
                         f"{reference}</w:r>")
        if self.bookmark:
            parts.append(f'<w:bookmarkEnd w:id="{self.bookmark[0]}"/>')
        parts.append("</w:p>")
        return "".join(parts)
