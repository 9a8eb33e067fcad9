"""Adding to a template's XML parts without rewriting them.

A society's template may carry markup from any Word version (``mc:Ignorable``
prefixes, extensions we do not know). Re-serialising such a part through an
element tree can rename prefixes and make Word call the file corrupt, so we
only read templates with an element tree and change them by inserting our
own elements (each declaring its namespace) into the original text.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from rebuttal.exchange.docx.names import W_NS
from rebuttal.exchange.docx.write.wordml import attr
from rebuttal.files.guarded_xml import parse


def as_text(data: bytes) -> str:
    """A part's XML as text (Word writes UTF-8; anything else is re-encoded through a parser)."""
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        root = parse(data)
        return ElementTree.tostring(root, encoding="unicode")


def _root_close(text: str, local: str) -> re.Match[str]:
    matches = list(re.finditer(rf"</(?:[\w.-]+:)?{local}\s*>", text))
    if not matches:
        raise ValueError(f"no </{local}> in the part")
    return matches[-1]


def append_children(text: str, local: str, fragment: str) -> str:
    """``fragment`` inserted as the last children of the root element ``local``."""
    empty = re.search(rf"<((?:[\w.-]+:)?{local})(\s[^>]*)?/>\s*$", text)
    if empty:  # <w:numbering .../> : open it up
        name = empty.group(1)
        return f"{text[:empty.start()]}<{name}{empty.group(2) or ''}>{fragment}</{name}>{text[empty.end():]}"
    close = _root_close(text, local)
    return text[: close.start()] + fragment + text[close.start():]


def insert_before_first(text: str, local: str, root: str, fragment: str) -> str:
    """``fragment`` inserted before the first child element ``local`` of ``root`` (else appended)."""
    found = re.search(rf"<(?:[\w.-]+:)?{local}[\s/>]", text)
    if found is None:
        return append_children(text, root, fragment)
    return text[: found.start()] + fragment + text[found.start():]


def declare_w(fragment: str) -> str:
    """``fragment`` (elements with the ``w:`` prefix) with ``xmlns:w`` declared on each top element."""
    out, depth, position = [], 0, 0
    for tag in re.finditer(r"<(/?)w:[\w]+[^>]*?(/?)>", fragment):
        closing, empty = tag.group(1), tag.group(2)
        if not closing and depth == 0:
            head = re.match(r"<w:[\w]+", tag.group(0))
            assert head is not None
            out.append(fragment[position:tag.start() + head.end()])
            out.append(f' xmlns:w="{attr(W_NS)}"')
            position = tag.start() + head.end()
        if closing:
            depth -= 1
        elif not empty:
            depth += 1
    out.append(fragment[position:])
    return "".join(out)
