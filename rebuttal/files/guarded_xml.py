"""The one place XML from outside (edited letters, templates) is parsed: no DTD, no entities, bounded.

Word never writes a document type declaration, so a part that has one is refused outright
rather than read around: with a DTD come entity declarations, and with them words that a
reader taking only the text nodes would silently drop (or a billion laughs, or a file or
address an external entity names). Nothing is ever fetched: expat is asked never to read
external or parameter entities, and the DTD is refused before its first declaration. A part
larger than :data:`MAX_XML_BYTES` or nested deeper than :data:`MAX_DEPTH` is refused too.

The tree is the standard library's ``ElementTree`` (qualified names as ``{uri}local``), so the
writer can use it without loading lxml; python-docx parses the edited letter with lxml only
after every part has passed through here (:mod:`rebuttal.exchange.docx.read.package`).
"""

from __future__ import annotations

from typing import NoReturn
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

MAX_XML_BYTES = 64 * 1024 * 1024  # the largest part the zip guard lets through
MAX_DEPTH = 200  # Word's deepest real documents (tables in tables) stay far below; libxml2 stops at 256


class BadXML(ValueError):
    """XML refused, with the reason in words (``str(error)``): not well-formed, a DTD, too deep..."""


def parse(data: bytes | str, *, max_bytes: int = MAX_XML_BYTES, max_depth: int = MAX_DEPTH) -> Element:
    """The root element of ``data``; :class:`BadXML` when it is not safe, well-formed XML."""
    if len(data) > max_bytes:
        raise BadXML(f"larger than {max_bytes // (1024 * 1024)} MB")
    builder = _Builder(max_depth)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise BadXML(f"not well-formed XML (line {error.lineno}, column {error.offset + 1}: "
                     f"{expat.ErrorString(error.code)})") from None
    root = builder.close()
    if root is None:
        raise BadXML("no root element")
    return root


def _refuse_doctype(*_: object) -> NoReturn:
    raise BadXML("it has a document type declaration (<!DOCTYPE>), which Word never writes; refused")


def _refuse_entity(*_: object) -> NoReturn:
    raise BadXML("it declares an entity, which Word never writes; refused")


def _refuse_external(*_: object) -> NoReturn:
    raise BadXML("it refers to an external entity; refused")


class _Builder:
    """Elements from expat's events, with ``{uri}local`` names, counting depth."""

    def __init__(self, max_depth: int) -> None:
        self.tree = TreeBuilder()
        self.depth = 0
        self.max_depth = max_depth

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise BadXML(f"elements nested deeper than {self.max_depth} levels")
        self.tree.start(_qualified(name), {_qualified(key): value for key, value in attributes.items()})

    def end(self, name: str) -> None:
        self.depth -= 1
        self.tree.end(_qualified(name))

    def data(self, text: str) -> None:
        self.tree.data(text)

    def close(self) -> Element | None:
        try:
            return self.tree.close()
        except AssertionError:  # TreeBuilder's way of saying it saw no element
            return None


def _qualified(name: str) -> str:
    return "{" + name if "}" in name else name
