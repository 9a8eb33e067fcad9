"""The file's own description: title, author, subject and keywords (``docProps/core.xml``).

Word shows these under File > Info and search tools index them. The times
are the build's (see ``reproducible``), so equal letters give equal files.
"""

from __future__ import annotations

import datetime as dt

from rebuttal.exchange.docx.write.opc import CT, Package
from rebuttal.exchange.docx.write.template import core_part_name
from rebuttal.exchange.docx.write.wordml import text, xml_part
from rebuttal.model import Document
from rebuttal.text.printable import printable

_APP_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_CORE_NAMESPACES = (
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def write_properties(package: Package, document: Document, when: dt.datetime) -> None:
    """The core properties of the letter, and (for a new file) the application properties."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    author = text(printable(document.letterhead.name))
    fields = (
        f"<dc:title>{text(printable(document.title))}</dc:title>"
        f"<dc:subject>{text(printable(document.subject))}</dc:subject>"
        f"<dc:creator>{author}</dc:creator>"
        f"<cp:keywords>{text(printable(', '.join(document.keywords)))}</cp:keywords>"
        "<dc:description></dc:description>"
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "<cp:category>Letter</cp:category>"
    )
    name = core_part_name(package)
    package.put(name, xml_part(f"<cp:coreProperties {_CORE_NAMESPACES}>{fields}</cp:coreProperties>"),
                "application/vnd.openxmlformats-package.core-properties+xml")
    if package.related("", _APP_RELATIONSHIP) is None:
        from rebuttal import __version__

        app = ("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
               f"<Application>rebuttal {text(__version__)}</Application><DocSecurity>0</DocSecurity>"
               "</Properties>")
        package.put("docProps/app.xml", xml_part(app), CT + "extended-properties+xml")
        package.relate("", _APP_RELATIONSHIP, "docProps/app.xml")
