"""The named styles a letter uses, so editors restyle the whole letter by editing styles.

Without a template we restyle Word's built-ins (Title, Body Text, Signature...)
into a plain letter look. With a society's template its styles win: we only
add the styles it lacks, so a template never makes the build crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.styles.style import StyleFactory

LETTERHEAD = "Letterhead"
TAGLINE = "Letterhead Tagline"
DATE = "Date"
RECIPIENT = "Inside Address"
TITLE = "Title"
SALUTATION = "Salutation"
BODY = "Body Text"
POINT = "Point Heading"
POINT_BODY = "List Continue"
CLOSING = "Closing"
SIGNATURE = "Signature"
COMPETING = "Competing Interests"
REFERENCES_HEADING = "Bibliography Heading"
REFERENCE = "Bibliography"
HEADER = "Header"
FOOTER = "Footer"
HYPERLINK = "Hyperlink"
STRONG = "Strong"

_ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
_GREY = RGBColor(0x59, 0x59, 0x59)


@dataclass(frozen=True)
class StyleSpec:
    """How one named style looks in our house style (``None``: inherit)."""

    name: str
    character: bool = False
    base: str | None = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: RGBColor | None = None
    underline: bool | None = None
    before: float | None = None
    after: float | None = None
    left: float | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    keep_with_next: bool | None = None
    rule_below: bool = False


SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", base=None, size=11, before=0, after=0),
    StyleSpec(LETTERHEAD, size=18, bold=True, color=_ACCENT, align=WD_ALIGN_PARAGRAPH.CENTER, after=2),
    StyleSpec(TAGLINE, size=9, italic=True, color=_GREY, align=WD_ALIGN_PARAGRAPH.CENTER, after=4,
              rule_below=True),
    StyleSpec(DATE, before=6, after=12),
    StyleSpec(RECIPIENT, after=12),
    StyleSpec(TITLE, size=15, bold=True, color=_ACCENT, before=6, after=12, keep_with_next=True),
    StyleSpec(SALUTATION, after=10, keep_with_next=True),
    StyleSpec(BODY, after=8),
    StyleSpec(POINT, base="List Number", bold=True, before=4, after=4, keep_with_next=True),
    StyleSpec(POINT_BODY, left=18, after=8),
    StyleSpec(CLOSING, before=4, after=18, keep_with_next=True),
    StyleSpec(SIGNATURE, after=10),
    StyleSpec(COMPETING, size=9.5, before=10, after=8),
    StyleSpec(REFERENCES_HEADING, size=12, bold=True, color=_ACCENT, before=14, after=6, keep_with_next=True),
    StyleSpec(REFERENCE, size=9.5, after=3),
    StyleSpec(HEADER, size=8.5, color=_GREY, align=WD_ALIGN_PARAGRAPH.RIGHT),
    StyleSpec(FOOTER, size=8.5, color=_GREY, align=WD_ALIGN_PARAGRAPH.CENTER),
    StyleSpec(HYPERLINK, character=True, base=None, color=RGBColor(0x05, 0x63, 0xC1), underline=True),
    StyleSpec(STRONG, character=True, base=None, bold=True),
)


def prepare_styles(word: WordDocument, *, house: bool) -> dict[str, str]:
    """Give ``word`` every style the letter uses (restyled with ``house``); return name -> style id.

    Callers set styles by id: python-docx's lookup by name scans every style
    in the document each time, which made styling most of the render time.
    """
    styles = word.styles
    found = {style.name: style for style in styles}
    for spec in SPECS:
        style = found.get(spec.name)
        if style is not None:
            if not house:
                continue  # The template's own look wins.
            _reset(style.element)
        else:
            kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
            # add_style would re-scan every name to refuse duplicates; we know it is new.
            style = StyleFactory(styles.element.add_style_of_type(spec.name, kind, False))
            if spec.base and spec.base in found:
                style.base_style = found[spec.base]
            found[spec.name] = style
        style.hidden = False
        style.quick_style = True
        _apply(style, spec)
    return {spec.name: found[spec.name].style_id for spec in SPECS}


def _reset(element: object) -> None:
    # Word's built-ins carry theme fonts, colours and borders we do not want in a letter.
    for tag in ("w:pPr", "w:rPr"):
        found = element.find(qn(tag))  # type: ignore[attr-defined]
        if found is not None:
            element.remove(found)  # type: ignore[attr-defined]


def _apply(style: object, spec: StyleSpec) -> None:
    font = style.font  # type: ignore[attr-defined]
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.color is not None:
        font.color.rgb = spec.color
    if spec.underline is not None:
        font.underline = spec.underline
    if spec.character:
        return
    if spec.rule_below:
        # Added first: python-docx then inserts spacing and alignment in schema order after it.
        border = parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="8" w:space="4" '
            'w:color="1F3A5F"/></w:pBdr>'
        )
        style.element.get_or_add_pPr().append(border)  # type: ignore[attr-defined]
    paragraph = style.paragraph_format  # type: ignore[attr-defined]
    if spec.before is not None:
        paragraph.space_before = Pt(spec.before)
    if spec.after is not None:
        paragraph.space_after = Pt(spec.after)
    if spec.left is not None:
        paragraph.left_indent = Pt(spec.left)
    if spec.align is not None:
        paragraph.alignment = spec.align
    if spec.keep_with_next is not None:
        paragraph.keep_with_next = spec.keep_with_next
