"""Mutations of a real export and a real template, shared by ``tests/test_docx_fuzz.py`` and
``bench/fuzz_docx.py``: bytes and XML of the parts changed the ways damaged and hostile files are."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from functools import cache
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.read import read_docx
from rebuttal.exchange.docx.write import write_docx
from rebuttal.exchange.record import outline_origin
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library, builtin_folder, load_library
from rebuttal.merge.apply import apply_changes
from rebuttal.merge.report import describe, merge_edited

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
TEMPLATE = ROOT / "examples" / "society-template.dotx"
TODAY = dt.date(2025, 3, 10)
# Pieces that mean something to a Word reader: a mutation made of them reaches deeper than noise.
TOKENS = [
    b'<!DOCTYPE w:document [<!ENTITY e "Pain">]>', b"&e;", b"&amp;", b"&#0;", b"&#xFFFE;", b"<w:p>",
    b"</w:p>", b"<w:r>", b"</w:r>", b"<w:t>", b"</w:t>", b'<w:hyperlink w:anchor="_rb_ref_99">',
    b"</w:hyperlink>",
    b'<w:del w:id="1" w:author="x">', b"</w:del>", b'<w:ins w:id="2" w:author="y">', b"</w:ins>",
    b'<w:moveFrom w:id="3">', b"</w:moveFrom>", b'<w:bookmarkStart w:id="1" w:name="rb_999_0_x"/>',
    b'<w:bookmarkStart w:id="5" w:name="rb_1_h_x"/>', b'<w:bookmarkEnd w:id="1"/>',
    b'<w:commentRangeStart w:id="7"/>', b'<w:commentReference w:id="7"/>', b'w:abstractNumId="x1"',
    b'w:numId="-1"', b'<w:vertAlign w:val="superscript"/>', b"(99)", b"(1-3)", b"(3,1)", b"\x00", b"\xff\xfe",
    "\u202e W\u0105ng".encode(), b'<w:pStyle w:val="Bibliography"/>', b'<w:pStyle w:val="PointHeading"/>',
    b'<property fmtid="x" pid="9" name="rebuttal.items"><vt:lpwstr>[[</vt:lpwstr></property>',
    b'xmlns:w="urn:other"', b'Target="../../../etc/passwd"', b'TargetMode="External"', b"<w:sectPr/>",
    b'<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>', b"<" * 3, b">",
]
_XML_PARTS = ["word/document.xml", "word/comments.xml", "docProps/custom.xml", "word/_rels/document.xml.rels",
              "[Content_Types].xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
              "word/header1.xml", "_rels/.rels"]


@cache
def library() -> Library:
    return load_library([builtin_folder()])


@cache
def export() -> bytes:
    """The example letter, exported with comments (the edited files' starting point)."""
    out = Path(_folder()) / "letter.docx"
    write_docx(assemble(library(), load_outline(EXAMPLE), today=TODAY), out, comments=True,
               origin=outline_origin(EXAMPLE))
    return out.read_bytes()


@cache
def _folder() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="rebuttal-docx-fuzz-")


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def as_zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def mutate_xml(data: bytes, rng: random.Random, steps: int) -> bytes:
    """``data`` with ``steps`` insertions (mostly at tag boundaries), deletions, duplications, swaps."""
    for _ in range(steps):
        tags = [match.start() for match in re.finditer(rb"<", data)] or [0]
        at = rng.choice(tags) if rng.random() < 0.7 else rng.randrange(len(data) + 1)
        operation = rng.randrange(6)
        if operation == 0:
            data = data[:at] + rng.choice(TOKENS) + data[at:]
        elif operation == 1:
            data = data[:at] + data[at + rng.randint(1, 60):]
        elif operation == 2:
            data = data[:at] + data[at:at + rng.randint(1, 300)] + data[at:]
        elif operation == 3:  # another value for an attribute
            values = list(re.finditer(rb'="[^"]*"', data))
            if values:
                value = rng.choice(values)
                new = rng.choice([b'=""', b'="x1"', b'="-1"', b'="99999999999999999999"', b'="_rb_ref_1"',
                                  b'="superscript"', b'="rb_3_0_x"', b'="&e;"'])
                data = data[:value.start()] + new + data[value.end():]
        elif operation == 4:  # two elements change places
            other = rng.choice(tags)
            first, second = sorted((at, other))
            data = (data[:first] + data[second:second + 80] + data[first + 80:second]
                    + data[first:first + 80] + data[second + 80:])
        else:
            data = data[:at]  # truncated
    return data


# Whole elements a reader meets in edited letters, inserted where an element may stand.
FRAGMENTS = [
    '<w:p><w:r><w:t>New words (2,3)</w:t></w:r></w:p>',
    '<w:hyperlink w:anchor="_rb_ref_99"><w:r><w:t>(99)</w:t></w:r></w:hyperlink>',
    '<w:ins w:id="2" w:author="y"><w:r><w:t>inserted</w:t></w:r></w:ins>',
    '<w:del w:id="1" w:author="x"><w:r><w:delText>gone</w:delText></w:r></w:del>',
    '<w:moveTo w:id="4"><w:r><w:t>moved</w:t></w:r></w:moveTo>',
    '<w:bookmarkStart w:id="1" w:name="rb_2_0_x"/>', '<w:bookmarkEnd w:id="1"/>',
    '<w:commentRangeStart w:id="0"/>', '<w:commentRangeEnd w:id="99"/>',
    '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1-3</w:t></w:r>',
    '<w:pPr><w:pStyle w:val="PointHeading"/><w:rPr><w:del w:id="5" w:author="z"/></w:rPr></w:pPr>',
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    '<w:sdt><w:sdtContent><w:p><w:r><w:t>control</w:t></w:r></w:p></w:sdtContent></w:sdt>',
]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def mutate_tree(data: bytes, rng: random.Random, steps: int) -> bytes:
    """``data`` changed while staying well-formed: elements dropped, copied, moved, inserted; values and
    text replaced (so the reader itself, not only the parser, meets the damage)."""
    from lxml import etree

    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return mutate_xml(data, rng, steps)
    for _ in range(steps):
        elements = list(root.iter())
        element = rng.choice(elements)
        parent = element.getparent()
        operation = rng.randrange(6)
        if operation == 0 and parent is not None:
            parent.remove(element)
        elif operation == 1 and parent is not None:
            from copy import deepcopy

            parent.insert(rng.randrange(len(parent) + 1), deepcopy(element))
        elif operation == 2 and parent is not None:
            target = rng.choice(elements)
            if element not in target.iterancestors() and target is not element:
                target.insert(rng.randrange(len(target) + 1), element)
        elif operation == 3:
            fragment = etree.fromstring(f'<x xmlns:w="{_W}">{rng.choice(FRAGMENTS)}</x>')[0]
            element.insert(rng.randrange(len(element) + 1), fragment)
        elif operation == 4 and element.attrib:
            key = rng.choice(list(element.attrib))
            element.set(key, rng.choice(["", "x1", "-1", "99999999999999999999", "_rb_ref_1", "superscript",
                                         "rb_3_0_x", "rb_1_h_x", "0", "Bibliography", "‮"]))
        else:
            element.text = rng.choice(["", "(4-9)", "(99)", " ", "Wąng", "1,2", "	", "x" * 500])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mutate_package(data: bytes, rng: random.Random, steps: int) -> bytes:
    """A Word package with ``steps`` changes to its parts (or, now and then, to its zip bytes)."""
    if rng.random() < 0.1:  # the zip itself damaged
        raw = bytearray(data)
        for _ in range(steps):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw[: len(raw) if rng.random() < 0.5 else rng.randrange(len(raw))])
    parts = parts_of(data)
    for _ in range(steps):
        names = [name for name in _XML_PARTS if name in parts] or list(parts)
        name = rng.choice(names)
        operation = rng.randrange(10)
        if operation < 4:
            parts[name] = mutate_xml(parts[name], rng, rng.randint(1, 4))
        elif operation < 7:
            parts[name] = mutate_tree(parts[name], rng, rng.randint(1, 6))
        elif operation == 7:
            del parts[name]
        elif operation == 8:
            parts[rng.choice(["word/extra.xml", "customXml/item9.xml", "word/media/x.png"])] = parts[name]
        else:
            parts[name.replace(".xml", ".XML")] = parts.pop(name)
    return as_zip(parts)


def merges_cleanly(data: bytes, path: Path) -> str:
    """Merge the edited letter ``data``: a report ("report"), or our one-line error ("error")."""
    path.write_bytes(data)
    try:
        edited = read_docx(path)
        report = merge_edited(edited, library(), load_outline(EXAMPLE), today=TODAY)
        apply_changes(report)
        list(describe(report, with_unchanged=True))
    except RebuttalError as error:
        assert "\n" not in str(error)
        return "error"
    return "report"


def builds_cleanly(data: bytes, folder: Path) -> str:
    """A letter on the template ``data`` ("letter", and it reads back), or our one-line error ("error")."""
    template = folder / "template.dotx"
    template.write_bytes(data)
    out = folder / "letter.docx"
    try:
        write_docx(assemble(library(), load_outline(EXAMPLE), today=TODAY), out, template=template,
                   comments=True)
    except RebuttalError as error:
        assert "\n" not in str(error)
        return "error"
    edited = read_docx(out)  # what we wrote on any template we accept, we can read back
    assert any(paragraph.text for paragraph in edited.paragraphs)
    return "letter"
