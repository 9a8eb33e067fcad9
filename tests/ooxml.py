"""Validate a Word package against the ECMA-376 schemas, as Word's own strictness would.

The schemas (ECMA-376 Part 4 Transitional, Part 2 OPC) are copied into
``tests/fixtures/ooxml-schemas`` (see the README there): the tests need no
network. Each XML part is first put through Markup Compatibility processing
(ECMA-376 Part 3): ignorable namespaces the schemas do not know are dropped,
``mc:AlternateContent`` is replaced by the first choice we understand (or its
fallback). Then the part's root element is validated; a part whose root the
schemas do not declare (custom XML data) is reported as such, not skipped.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "ooxml-schemas"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Namespace -> the schema file declaring it (the driver imports each; imports inside refer to them).
NAMESPACES = {
    "http://www.w3.org/XML/1998/namespace": "xml.xsd",
    "http://purl.org/dc/elements/1.1/": "dc.xsd",
    "http://purl.org/dc/terms/": "dcterms.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "dml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "dml-picture.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "shared-relationshipReference.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "shared-math.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties":
        "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes":
        "shared-documentPropertiesVariantTypes.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "urn:schemas-microsoft-com:vml": "vml-main.xsd",
    "urn:schemas-microsoft-com:office:office": "vml-officeDrawing.xsd",
    "urn:schemas-microsoft-com:office:word": "vml-wordprocessingDrawing.xsd",
}
UNDERSTOOD = frozenset(NAMESPACES) | {MC}


@dataclass(frozen=True)
class SchemaError:
    """One schema violation: the part, the line in the processed part, and libxml2's message."""

    part: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.part}:{self.line}: {self.message}"


@cache
def ooxml_schema() -> etree.XMLSchema:
    """One schema holding every namespace above (built once per test run, ~1 s)."""
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{name}"/>'
        for namespace, name in NAMESPACES.items()
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    root = etree.fromstring(driver.encode(), parser, base_url=(SCHEMAS / "driver.xsd").as_uri())
    return etree.XMLSchema(root)


def xml_parts(path: Path) -> dict[str, bytes]:
    """Every XML part of the package (``.xml`` and ``.rels``), by name."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.lower().endswith((".xml", ".rels"))}  # _rels/.rels has no "extension" for splitext


def schema_errors(path: Path) -> list[SchemaError]:
    """Every schema violation of every XML part of the Word package at ``path``."""
    schema = ooxml_schema()
    errors = []
    for name, data in sorted(xml_parts(path).items()):
        root = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
        root = compatible(root)
        if root.tag.startswith("{") and root.tag[1:].split("}")[0] not in NAMESPACES:
            if name.startswith("customXml/item") and "Props" not in name:
                continue  # custom XML data: any XML at all, by definition (Part 1, 22.5)
            errors.append(SchemaError(name, 1, f"root {root.tag} is in no known schema"))
            continue
        if not schema.validate(root):
            errors += [SchemaError(name, entry.line, entry.message) for entry in schema.error_log]
    return errors


def compatible(root: etree._Element) -> etree._Element:
    """``root`` after Markup Compatibility processing for a consumer understanding :data:`UNDERSTOOD`."""
    root = etree.fromstring(etree.tostring(root))  # a copy, re-parsed so that line numbers stay useful
    _process(root, frozenset())
    etree.cleanup_namespaces(root)
    return root


def _ignorable(element: etree._Element, inherited: frozenset[str]) -> frozenset[str]:
    value = element.get(f"{{{MC}}}Ignorable")
    if not value:
        return inherited
    namespaces = {element.nsmap.get(prefix) for prefix in value.split()}
    return inherited | {namespace for namespace in namespaces if namespace and namespace not in UNDERSTOOD}


def _process(element: etree._Element, inherited: frozenset[str]) -> None:
    ignorable = _ignorable(element, inherited)
    for name in list(element.attrib):
        namespace = name[1:].split("}")[0] if name.startswith("{") else ""
        if namespace == MC or namespace in ignorable:
            del element.attrib[name]
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        namespace = child.tag[1:].split("}")[0] if child.tag.startswith("{") else ""
        if child.tag == f"{{{MC}}}AlternateContent":
            chosen = _choice(child)
            _replace(child, list(chosen) if chosen is not None else [])
        elif namespace in ignorable:
            element.remove(child)
            continue
    for child in element:
        if isinstance(child.tag, str):
            _process(child, ignorable)


def _choice(alternate: etree._Element) -> etree._Element | None:
    for option in alternate:
        if option.tag == f"{{{MC}}}Choice":
            required = {option.nsmap.get(prefix) for prefix in option.get("Requires", "").split()}
            if required <= UNDERSTOOD:
                return option
        elif option.tag == f"{{{MC}}}Fallback":
            return option
    return None


def _replace(element: etree._Element, children: list[etree._Element]) -> None:
    parent = element.getparent()
    position = parent.index(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(position + offset, child)


def styles_used(path: Path) -> dict[str, set[str]]:
    """Style ids referred to (pStyle, rStyle, tblStyle) by each story part of the package."""
    used: dict[str, set[str]] = {}
    for name, data in xml_parts(path).items():
        if not name.startswith("word/") or name.endswith(".rels") or "styles" in name.lower():
            continue
        root = etree.fromstring(data)
        found = {element.get(f"{{{_W}}}val", "") for tag in ("pStyle", "rStyle", "tblStyle")
                 for element in root.iter(f"{{{_W}}}{tag}")}
        if found:
            used[name] = found
    return used


def styles_defined(path: Path) -> set[str]:
    """The style ids ``word/styles.xml`` defines."""
    root = etree.fromstring(xml_parts(path)["word/styles.xml"])
    return {style.get(f"{{{_W}}}styleId", "") for style in root.iter(f"{{{_W}}}style")}


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
