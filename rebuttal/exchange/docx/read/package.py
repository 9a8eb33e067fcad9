"""The edited letter's package, opened with python-docx behind guards, and the parts beside its body.

A file that is not a Word document (an encrypted one, an old binary .doc, a
damaged zip) is one :class:`RebuttalError` naming it; parts are found by the
names the export gives them (:mod:`rebuttal.exchange.docx.names`).

Before python-docx sees the file, :func:`check_package` reads the whole zip within
limits (:mod:`rebuttal.files.guarded_zip`) and parses every XML part with the guarded
parser (:mod:`rebuttal.files.guarded_xml`): a zip bomb, a part with a DTD or an entity
is refused in one line naming the file and the part, so no paragraph is ever read
around an entity and applied without the words it hid.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from lxml import etree

from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.names import COMMENTS_PART, CUSTOM_PROPERTIES_PART, W_NS
from rebuttal.exchange.edited import EditedComment
from rebuttal.files.guarded_xml import BadXML, check, parse
from rebuttal.files.guarded_zip import BadZip, read_zip

W = f"{{{W_NS}}}"
# The magic number of an OLE compound file: what Word writes for an encrypted
# (password-protected) document, and for old binary .doc files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_word(path: Path):  # -> docx.Document, never seen outside this package
    """The Word document at ``path``, or a RebuttalError saying why it cannot be read."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise RebuttalError(f"cannot read the file: {error.strerror}", file=path) from None
    if head == OLE_MAGIC:
        raise RebuttalError(
            "password-protected (encrypted) or an old binary .doc: save it from Word as an "
            "unprotected .docx", file=path,
        )
    if not zipfile.is_zipfile(path):
        raise RebuttalError("not a Word document (.docx)", file=path)
    check_package(path)
    try:
        word = docx.Document(str(path))
        # The parts the reader walks, reached here where a damaged package is still one line
        # (a styles or main part of the wrong type is an AttributeError deep in python-docx).
        _ = word.styles.element, word.element.body
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise RebuttalError(f"not a readable Word document ({_why(error)})", file=path) from None
    except Exception as error:
        raise RebuttalError(f"damaged Word document ({_why(error)})", file=path) from None
    return word


def check_package(path: Path) -> None:
    """Read the whole package within limits and parse every XML part safely, or say why not."""
    try:
        parts = read_zip(path)
    except BadZip as error:
        raise RebuttalError(f"not a readable Word document: {error}", file=path) from None
    xml_names = {name for name in parts if name.lower().endswith((".xml", ".rels"))}  # _rels/.rels too
    if "[Content_Types].xml" in parts:  # parts the package itself declares as XML, whatever their names
        try:
            types = parse(parts["[Content_Types].xml"])
        except BadXML as error:
            raise RebuttalError(str(error), file=path, field="[Content_Types].xml") from None
        for entry in types:
            name = entry.get("PartName", "").lstrip("/")
            if name in parts and entry.get("ContentType", "").endswith("xml"):
                xml_names.add(name)
    # The parts read here in full (and by python-docx's lxml) are also measured for depth.
    read_whole = {"word/document.xml", COMMENTS_PART, CUSTOM_PROPERTIES_PART}
    for name in sorted(xml_names):
        try:
            (parse if name in read_whole else check)(parts[name])
        except BadXML as error:
            raise RebuttalError(str(error), file=path, field=name) from None


def _why(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def style_names(word) -> dict[str, str]:
    """Style id -> the name Word shows, for every style of the document."""
    names = {}
    for style in word.styles.element.iter(f"{W}style"):
        name = style.find(f"{W}name")
        names[style.get(f"{W}styleId", "")] = name.get(f"{W}val", "") if name is not None else ""
    return names


def _part_element(word, partname: str) -> Element | None:
    for part in word.part.package.iter_parts():
        if part.partname == partname:
            return parse(part.blob)
    return None


def comments(word, anchors: dict[str, list[str]], where: dict[str, int]) -> dict[str, EditedComment]:
    """Every comment by id, with the text it is anchored on (``anchors``) and its paragraph (``where``)."""
    root = _part_element(word, "/" + COMMENTS_PART)
    if root is None:
        return {}
    found = {}
    for element in root.iter(f"{W}comment"):
        mark_id = element.get(f"{W}id", "")
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in element.iter(f"{W}p")]
        found[mark_id] = EditedComment(
            id=mark_id,
            author=element.get(f"{W}author", ""),
            date=element.get(f"{W}date", ""),
            text="\n".join(p for p in paragraphs if p).strip(),
            anchor=" ".join("".join(anchors.get(mark_id, [])).split()),
            paragraph=where.get(mark_id, -1),
        )
    return found


def custom_properties(word, path: Path) -> dict[str, str]:
    """The custom document properties (name -> text), where the export keeps its record."""
    try:
        root = _part_element(word, "/" + CUSTOM_PROPERTIES_PART)
    except BadXML:
        why = f"damaged Word document (unreadable {CUSTOM_PROPERTIES_PART})"
        raise RebuttalError(why, file=path) from None
    if root is None:
        return {}
    return {entry.get("name", ""): "".join(entry.itertext()) for entry in root}
