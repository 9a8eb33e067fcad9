"""The page around the letter: paper size, letterhead, running header, page numbers.

The letterhead (logo, society name, tagline) is the first page's header, as
in a society's own Word letterhead, so editing the body never disturbs it;
later pages carry a small running header. Every page's footer says
``Page N of M`` with PAGE/NUMPAGES fields (the no-fields rule is for citations).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.names import FOOTER, HEADER, LETTERHEAD, TAGLINE, W_NS
from rebuttal.exchange.docx.write.images import DamagedImage, NotAnImage, image_info
from rebuttal.exchange.docx.write.opc import CT, RT, Package
from rebuttal.exchange.docx.write.wordml import R_NS, STORY_NAMESPACES, attr, run, simple_field, xml_part
from rebuttal.files.guarded_xml import parse
from rebuttal.files.problems import os_error
from rebuttal.model import Document
from rebuttal.text.printable import printable

_W = f"{{{W_NS}}}"
_R = f"{{{R_NS}}}"
EMU_PER_INCH = 914400
TWIPS_PER_INCH = 1440
# (width, height, margin) in twips
PAPER = {"letter": (12240, 15840, 1440), "a4": (11906, 16838, 1417)}
HEADER_DISTANCE = 624  # 1.1 cm
LOGO_HEIGHT = 684000  # 1.9 cm in EMU
MAX_LOGO_BYTES = 8 * 1024 * 1024
# The order Word requires for the children of w:sectPr (ECMA-376 17.6.17).
_SECTION_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
DEFAULT_SECTION = (
    f'<w:sectPr xmlns:w="{W_NS}"><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1800" '
    'w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="720"/>'
    '<w:docGrid w:linePitch="360"/></w:sectPr>'
)
_HEADER_TYPE = CT + "wordprocessingml.header+xml"
_FOOTER_TYPE = CT + "wordprocessingml.footer+xml"


class Section:
    """The letter's section properties (``w:sectPr``) and the headers and footers they name."""

    def __init__(self, element: ElementTree.Element, package: Package, main: str) -> None:
        self.element = element
        self.package = package
        self.main = main

    def _child(self, local: str) -> ElementTree.Element:
        """The child ``local``, made in schema order if missing."""
        found = self.element.find(_W + local)
        return found if found is not None else self._insert(local)

    def _insert(self, local: str) -> ElementTree.Element:
        """A new child ``local`` after its kind and before the children the schema puts later."""
        child = ElementTree.Element(_W + local)
        rank = _SECTION_ORDER.index(local)
        position = len(self.element)
        for index, sibling in enumerate(self.element):
            name = sibling.tag.rsplit("}", 1)[-1]
            if name in _SECTION_ORDER and _SECTION_ORDER.index(name) > rank:
                position = index
                break
        self.element.insert(position, child)
        return child

    def reference(self, kind: str, which: str) -> str | None:
        """The part of the ``kind`` (header/footer) reference of type ``which``, or None."""
        for ref in self.element.findall(f"{_W}{kind}Reference"):
            if ref.get(_W + "type", "default") == which:
                rel = self.package.relationship(self.main, ref.get(_R + "id", ""))
                return self.package.target_name(self.main, rel) if rel and not rel.external else None
        return None

    def set_story(self, kind: str, which: str, body: str, name: str | None = None) -> None:
        """Give type ``which`` a new ``kind`` (header/footer) part at ``name`` holding ``body``."""
        name = name or self.package.free_name(f"word/{kind}%d.xml")
        for ref in self.element.findall(f"{_W}{kind}Reference"):
            if ref.get(_W + "type", "default") == which:
                self.package.unrelate(self.main, ref.get(_R + "id", ""))
                self.element.remove(ref)
        tag, content_type = ("hdr", _HEADER_TYPE) if kind == "header" else ("ftr", _FOOTER_TYPE)
        self.package.put(name, xml_part(f"<w:{tag} {STORY_NAMESPACES}>{body}</w:{tag}>"), content_type)
        ref = self._insert(f"{kind}Reference")
        ref.set(_W + "type", which)
        ref.set(_R + "id", self.package.relate(self.main, RT + kind, name))

    @property
    def first_page_different(self) -> bool:
        """True when the first page has its own header and footer (``w:titlePg``)."""
        title = self.element.find(_W + "titlePg")
        return title is not None and title.get(_W + "val", "1") not in ("0", "false", "off")

    def set_first_page_different(self) -> None:
        """Give the first page its own header and footer."""
        self._child("titlePg").attrib.pop(_W + "val", None)

    def set_paper(self, paper: str, *, margins: bool) -> None:
        """A4 or US Letter, portrait; our margins unless a template set its own."""
        width, height, margin = PAPER.get(paper, PAPER["letter"])
        size = self._child("pgSz")
        size.set(_W + "w", str(width))
        size.set(_W + "h", str(height))
        if margins:
            edges = self._child("pgMar")
            for side in ("top", "right", "bottom", "left"):
                edges.set(_W + side, str(margin))
            edges.set(_W + "header", str(HEADER_DISTANCE))
            edges.set(_W + "footer", str(HEADER_DISTANCE))
            edges.set(_W + "gutter", edges.get(_W + "gutter", "0"))

    def xml(self) -> str:
        """The ``w:sectPr`` as text (declaring the namespaces it uses)."""
        return ElementTree.tostring(self.element, encoding="unicode")


def add_letterhead(section: Section, document: Document, ids: dict[str, str]) -> None:
    """The society's letterhead on page 1, a running header on the pages after it."""
    section.set_first_page_different()
    head = document.letterhead
    paragraphs = []
    name = section.package.free_name("word/header%d.xml")
    logos = head.logos()
    if logos:  # a joint letter's logos side by side, the lead's first
        pictures = [_logo_run(section.package, name, Path(logo), printable(f"{who} logo"), number)
                    for number, (logo, who) in enumerate(logos, start=1)]
        paragraphs.append(_paragraph(ids[LETTERHEAD], run("    ").join(pictures)))
    for society in head.names:  # a joint letter names every society
        paragraphs.append(_paragraph(ids[LETTERHEAD], run(printable(society))))
    if head.tagline:
        paragraphs.append(_paragraph(ids[TAGLINE], run(printable(head.tagline))))
    first = "".join(paragraphs) or _paragraph(ids[HEADER], "")
    section.set_story("header", "first", first, name if logos else None)
    label = " · ".join(part for part in (head.short_label, document.title) if part)
    section.set_story("header", "default", _paragraph(ids[HEADER], run(printable(label)) if label else ""))


def add_page_numbers(section: Section, ids: dict[str, str]) -> None:
    """``Page N of M`` in the footer of every page (first page included)."""
    numbers = run("Page ") + simple_field("PAGE", "1") + run(" of ") + simple_field("NUMPAGES", "1")
    numbers = _paragraph(ids[FOOTER], numbers)
    kinds = ["default", "first"] if section.first_page_different else ["default"]
    for which in kinds:
        if section.reference("footer", which) is None:
            section.set_story("footer", which, numbers)


def template_needs_footer(section: Section) -> bool:
    """True when the template's section has no footer of its own."""
    return section.reference("footer", "default") is None


def has_own_letterhead(section: Section) -> bool:
    """True when the template's first page already has a header with text or a picture."""
    kinds = ["first", "default"] if section.first_page_different else ["default"]
    for which in kinds:
        name = section.reference("header", which)
        if name is None or name not in section.package.parts:
            continue
        root = parse(section.package.parts[name])
        if any(node.text and node.text.strip() for node in root.iter(_W + "t")):
            return True
        if next(root.iter(_W + "drawing"), None) is not None:
            return True
    return False


def _paragraph(style_id: str, content: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{attr(style_id)}"/></w:pPr>{content}</w:p>'


def _read_logo(path: Path) -> bytes:
    """The logo's bytes, at most :data:`MAX_LOGO_BYTES` (a letterhead logo is some kilobytes)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as error:
        raise os_error(error, path, doing="read", field="logo") from None
    if len(data) > MAX_LOGO_BYTES:
        limit = MAX_LOGO_BYTES // (1024 * 1024)
        raise RebuttalError(f"logo is larger than {limit} MB; use a smaller picture (a letterhead logo is "
                            "a few hundred KB at most)", file=path, field="logo")
    return data


def _logo_run(package: Package, header: str, path: Path, description: str, number: int = 1) -> str:
    """A run holding the logo at ``path`` as an inline picture of the header part ``header``."""
    if not path.is_file():
        raise RebuttalError("logo file not found", file=path, field="logo")
    data = _read_logo(path)
    try:
        info = image_info(data)
    except NotAnImage:
        raise RebuttalError(
            "logo is not an image Word can show (use PNG, JPEG, GIF, BMP or TIFF)", file=path, field="logo"
        ) from None
    except DamagedImage as error:
        raise RebuttalError(f"logo is a damaged image file ({error})", file=path, field="logo") from None
    media = package.free_name(f"word/media/image%d.{info.extension}")
    package.put(media, data)
    package.defaults.setdefault(info.extension, info.content_type)
    rel_id = package.relate(header, RT + "image", media)
    height = LOGO_HEIGHT
    width = round(height * info.width_inches / info.height_inches)
    return (
        f'<w:r><w:drawing><wp:inline><wp:extent cx="{width}" cy="{height}"/>'
        f'<wp:docPr id="{number}" name="Picture {number}" descr="{attr(description)}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{attr(path.name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r>"
    )
