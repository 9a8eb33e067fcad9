"""The export record's custom properties as plain values, and the digest of a letter's parts.

The part of :mod:`rebuttal.exchange.record` that needs nothing but the standard library's
basics: ``merge`` of an unchanged export reads the record's values and checks the digest
without loading the document model (:mod:`rebuttal.merge.unchanged`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rebuttal.files.digests import sha256

# Word's user interface keeps at most 255 characters of a text property; longer
# values are split into numbered pieces ("name#1", "name#2", ...) below that.
PROPERTY_PIECE = 240
PROPERTY = "rebuttal."
_PIECE = re.compile(r"^(.*)#(\d+)$")


def recorded_values(properties: Mapping[str, str]) -> dict[str, str]:
    """Our values (name without ``rebuttal.`` -> text) among custom properties, pieces joined."""
    joined: dict[str, list[tuple[int, str]]] = {}
    for name, value in properties.items():
        if not name.startswith(PROPERTY):
            continue
        name = name[len(PROPERTY) :]
        match = _PIECE.match(name)
        number = int(match.group(2)) if match else 0
        joined.setdefault(match.group(1) if match else name, []).append((number, value))
    return {name: "".join(v for _, v in sorted(pieces)) for name, pieces in joined.items()}


def content_digest(parts: Mapping[str, bytes]) -> str:
    """SHA-256 of the parts that carry the letter: every part under ``word/`` (body, comments,
    styles, numbering, headers, footers, media), relationships and document properties left out.

    The export records it; any edit or re-save in Word or LibreOffice rewrites ``word/document.xml``
    and so changes it. Parts are taken in name order, each named and sized, so no two different
    packages run together into the same bytes.
    """
    digest = sha256()
    for name in sorted(n for n in parts if n.startswith("word/") and "/_rels/" not in n):
        data = parts[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def custom_properties(part: bytes) -> dict[str, str]:
    """The custom document properties (name -> text) of a ``docProps/custom.xml`` part, as the
    reader finds them (:func:`rebuttal.exchange.docx.read.package.custom_properties`), read with
    expat alone; :class:`~rebuttal.files.guarded_xml.BadXML` when the part is not safe XML."""
    from rebuttal.files.guarded_xml import scan

    found: dict[str, str] = {}
    depth, name, text = 0, "", []

    def start(_tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth, name
        depth += 1
        if depth == 2:  # a property: a child of the root
            name = attributes.get("name", "")
            text.clear()

    def end(_tag: str) -> None:
        nonlocal depth
        if depth == 2:
            found[name] = "".join(text)
        depth -= 1

    def characters(characters: str) -> None:
        if depth >= 2:  # a property's text and its children's (itertext()); none of the root's own
            text.append(characters)

    scan(part, start=start, end=end, text=characters)
    return found
