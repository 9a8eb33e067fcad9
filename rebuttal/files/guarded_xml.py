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

from xml.parsers import expat

TYPE_CHECKING = False  # ElementTree loads when a tree is built: check() and scan() need only expat
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn
    from xml.etree.ElementTree import Element

MAX_XML_BYTES = 64 * 1024 * 1024  # the largest part the zip guard lets through
MAX_DEPTH = 200  # Word's deepest real documents (tables in tables) stay far below; libxml2 stops at 256


class BadXML(ValueError):
    """XML refused, with the reason in words (``str(error)``): not well-formed, a DTD, too deep..."""


def check(data: bytes | str, *, max_bytes: int = MAX_XML_BYTES) -> None:
    """Refuse ``data`` (:class:`BadXML`) unless it is well-formed XML without a DTD or entities.

    One pass at expat's own speed that builds nothing: for parts only passed on, or checked
    before another parser (python-docx's) reads them.
    """
    scan(data, max_bytes=max_bytes)


def scan(
    data: bytes | str,
    *,
    max_bytes: int = MAX_XML_BYTES,
    start: Callable[[str, dict[str, str]], object] | None = None,
    end: Callable[[str], object] | None = None,
    text: Callable[[str], object] | None = None,
) -> None:
    """:func:`check` ``data``, calling ``start(tag, attributes)``, ``end(tag)`` and ``text(characters)``
    as the parser meets them (tags as ``{uri}local``, as ElementTree names them): a part read in
    passing without building its tree (or importing ElementTree)."""
    if len(data) > max_bytes:
        raise BadXML(f"larger than {max_bytes // (1024 * 1024)} MB")
    guard = expat.ParserCreate(namespace_separator="}")  # an undeclared prefix is an error too
    guard.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    guard.StartDoctypeDeclHandler = _refuse_doctype
    guard.EntityDeclHandler = _refuse_entity
    guard.ExternalEntityRefHandler = _refuse_external
    if start is not None:
        guard.StartElementHandler = lambda tag, attributes: start(
            _qualified(tag), {_qualified(name): value for name, value in attributes.items()})
    if end is not None:
        guard.EndElementHandler = lambda tag: end(_qualified(tag))
    if text is not None:
        guard.buffer_text = True  # one call per run of text, not one per line or entity
        guard.CharacterDataHandler = text
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
    from xml.etree.ElementTree import ParseError, TreeBuilder, XMLParser

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


def _qualified(tag: str) -> str:
    """expat's ``uri}local`` as ElementTree's ``{uri}local``."""
    return "{" + tag if "}" in tag else tag


def _refuse_doctype(*_: object) -> NoReturn:
    raise BadXML("it has a document type declaration (<!DOCTYPE>), which Word never writes; refused")


def _refuse_entity(*_: object) -> NoReturn:
    raise BadXML("it declares an entity, which Word never writes; refused")


def _refuse_external(*_: object) -> NoReturn:
    raise BadXML("it refers to an external entity; refused")
