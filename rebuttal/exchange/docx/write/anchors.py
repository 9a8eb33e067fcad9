"""Invisible marks that let an edited letter find its way back to the outline.

Every paragraph of a body item is wrapped in a bookmark (``w:bookmarkStart`` /
``w:bookmarkEnd``) named by :func:`rebuttal.exchange.record.bookmark_name`, and the
export record goes into the custom document properties (``docProps/custom.xml``).
Why bookmarks and not content controls: see :mod:`rebuttal.exchange.record`.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree

from rebuttal.exchange.docx.names import CUSTOM_PROPERTIES_PART
from rebuttal.exchange.docx.write.opc import CT, Package
from rebuttal.exchange.docx.write.wordml import WordParagraph, attr, text, xml_part
from rebuttal.files.guarded_xml import BadXML, parse

CUSTOM_CONTENT_TYPE = CT + "custom-properties+xml"
CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every user-defined property carries (as Word writes it).
USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
ElementTree.register_namespace("vt", VT_NS)


@dataclass
class Bookmarks:
    """Hands out bookmark ids (unique in the document) and wraps paragraphs in bookmarks."""

    next_id: int = 1

    def wrap(self, paragraph: WordParagraph, name: str) -> None:
        """Put a bookmark called ``name`` around the whole content of ``paragraph``."""
        paragraph.bookmark = (self.next_id, name)
        self.next_id += 1


def write_custom_properties(package: Package, properties: dict[str, str]) -> None:
    """Store ``properties`` (name -> text) as custom document properties of ``package``.

    A template's own custom properties are kept; ours replace any of the same name.
    """
    name = package.related("", CUSTOM_RELATIONSHIP) or CUSTOM_PROPERTIES_PART
    kept: list[str] = []
    pid = 2
    if name in package.parts:
        try:
            root = parse(package.parts[name])
        except BadXML:
            root = ElementTree.Element("none")
        for entry in root:
            if entry.tag != f"{{{CUSTOM_NS}}}property" or entry.get("name") in properties:
                continue
            values = "".join(ElementTree.tostring(value, encoding="unicode") for value in entry)
            kept.append(
                f'<property fmtid="{attr(entry.get("fmtid", USER_DEFINED))}" '
                f'pid="{attr(entry.get("pid", ""))}" name="{attr(entry.get("name", ""))}">{values}</property>'
            )
            if entry.get("pid", "").isdigit():
                pid = max(pid, int(entry.get("pid", "0")) + 1)
    ours = []
    for number, (key, value) in enumerate(properties.items(), start=pid):
        ours.append(f'<property fmtid="{USER_DEFINED}" pid="{number}" name="{attr(key)}">'
                    f"<vt:lpwstr>{text(value)}</vt:lpwstr></property>")
    body = "".join(kept + ours)
    package.put(name, xml_part(f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{body}</Properties>'),
                CUSTOM_CONTENT_TYPE)
    package.relate("", CUSTOM_RELATIONSHIP, name)
