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
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser
from xml.parsers import expat

MAX_XML_BYTES = 64 * 1024 * 1024  # the largest part the zip guard lets through
MAX_DEPTH = 200  # Word's deepest real documents (tables in tables) stay far below; libxml2 stops at 256


class BadXML(ValueError):
    """XML refused, with the reason in words (``str(error)``): not well-formed, a DTD, too deep..."""


def check(data: bytes | str, *, max_bytes: int = MAX_XML_BYTES) -> None:
    """Refuse ``data`` (:class:`BadXML`) unless it is well-formed XML without a DTD or entities.

    One pass at expat's own speed that builds nothing: for parts only passed on, or checked
    before another parser (python-docx's) reads them.
    """
    if len(data) > max_bytes:
        raise BadXML(f"larger than {max_bytes // (1024 * 1024)} MB")
    guard = expat.ParserCreate(namespace_separator="}")  # an undeclared prefix is an error too
    guard.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    guard.StartDoctypeDeclHandler = _refuse_doctype
    guard.EntityDeclHandler = _refuse_entity
    guard.ExternalEntityRefHandler = _refuse_external
    try:
        guard.Parse(data, True)
    except expat.ExpatError as error:
        raise BadXML(f"not well-formed XML (line {error.lineno}, column {error.offset + 1}: "
                     f"{expat.ErrorString(error.code)})") from None
    except (LookupError, UnicodeError) as error:  # <?xml encoding="..."?> naming no codec we have
        raise BadXML(f"not readable XML ({' '.join(str(error).split())[:80]})") from None


def parse(data: bytes | str, *, max_bytes: int = MAX_XML_BYTES, max_depth: int = MAX_DEPTH) -> Element:
    """The root element of ``data``; :class:`BadXML` when it is not safe, well-formed XML.

    :func:`check` first, then the tree is built (the standard library's C parser can meet no
    DTD now), then its depth is measured level by level, without recursion.
    """
    check(data, max_bytes=max_bytes)
    builder = XMLParser(target=TreeBuilder())
    try:
        builder.feed(data)
        root = builder.close()
    except (ParseError, LookupError, UnicodeError) as error:  # check() passed it, so this is unexpected
        raise BadXML(f"not well-formed XML ({' '.join(str(error).split())[:80]})") from None
    level, depth = [root], 1
    while level:
        if depth > max_depth:
            raise BadXML(f"elements nested deeper than {max_depth} levels")
        level = [child for element in level for child in element]
        depth += 1
    return root


def _refuse_doctype(*_: object) -> NoReturn:
    raise BadXML("it has a document type declaration (<!DOCTYPE>), which Word never writes; refused")


def _refuse_entity(*_: object) -> NoReturn:
    raise BadXML("it declares an entity, which Word never writes; refused")


def _refuse_external(*_: object) -> NoReturn:
    raise BadXML("it refers to an external entity; refused")
