"""Invisible marks that let an edited letter find its way back to the outline.

Every paragraph of a body item is wrapped in a bookmark (``w:bookmarkStart`` /
``w:bookmarkEnd``) named by :func:`rebuttal.export_record.bookmark_name`, and the
export record goes into the custom document properties (``docProps/custom.xml``),
a part python-docx does not cover, so it is written here with lxml. Why
bookmarks and not content controls: see :mod:`rebuttal.export_record`.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

CUSTOM_PART = "/docProps/custom.xml"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every user-defined property carries (as Word writes it).
USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


@dataclass
class Bookmarks:
    """Hands out bookmark ids (unique in the document) and wraps paragraphs in bookmarks."""

    next_id: int = 1

    def wrap(self, paragraph: WordParagraph, name: str) -> None:
        """Put a bookmark called ``name`` around the whole content of ``paragraph``."""
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        element = paragraph._p
        properties = element.pPr
        if properties is not None:
            properties.addnext(start)
        else:
            element.insert(0, start)
        element.append(end)


def write_custom_properties(word: WordDocument, properties: dict[str, str]) -> None:
    """Store ``properties`` (name -> text) as custom document properties of ``word``.

    A template's own custom properties are kept; ours replace any of the same name.
    """
    package = word.part.package
    existing = next(
        (part for part in package.iter_parts() if part.partname == CUSTOM_PART), None
    )
    root = None
    if existing is not None:
        root = etree.fromstring(existing.blob)
    if root is None or root.tag != f"{{{CUSTOM_NS}}}Properties":
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for old in list(root):
        if old.get("name") in properties:
            root.remove(old)
    pids = [int(p.get("pid", "1")) for p in root]
    pid = max([1, *pids]) + 1
    for name, value in properties.items():
        entry = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
        entry.set("fmtid", USER_DEFINED)
        entry.set("pid", str(pid))
        entry.set("name", name)
        etree.SubElement(entry, f"{{{VT_NS}}}lpwstr").text = value
        pid += 1
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if existing is not None:
        existing._blob = blob
        return
    part = Part(PackURI(CUSTOM_PART), CUSTOM_CONTENT_TYPE, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
