"""The Word package a letter starts from: our own blank one, or a society's template.

A template (``--template``, like pandoc's reference document) is a society's
letterhead document, ``.docx`` or ``.dotx``. We keep its styles, numbering,
settings, section settings, header and footer, and replace its body. Anything
that is not a readable Word file is reported as one clear error, never a
traceback.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.names import W_NS
from rebuttal.exchange.docx.write.numbering import numbering_ids
from rebuttal.exchange.docx.write.opc import CT, RT, RT_CORE, NotAPackage, Package
from rebuttal.exchange.docx.write.page import DEFAULT_SECTION, Section
from rebuttal.exchange.docx.write.parts import as_text
from rebuttal.exchange.docx.write.wordml import xml_part
from rebuttal.files.guarded_xml import BadXML, parse
from rebuttal.files.guarded_zip import BadZip
from rebuttal.files.problems import os_error

_DOCUMENT = CT + "wordprocessingml.document.main+xml"
_TEMPLATE = CT + "wordprocessingml.template.main+xml"
_FIELD = "--template"
# Parts of which a document has at most one (ECMA-376 Part 1, 11.3).
_SINGLE_PARTS = ("styles", "numbering", "settings", "webSettings", "fontTable", "theme", "comments",
                 "footnotes", "endnotes", "glossaryDocument")
MAX_TEMPLATE_BYTES = 64 * 1024 * 1024  # the file itself; what it holds is bounded by the zip guard
_W = f"{{{W_NS}}}"
# Prefixes Word uses, so that a template's section properties keep their usual names when written back.
_PREFIXES = {
    "w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
for _prefix, _uri in _PREFIXES.items():
    ElementTree.register_namespace(_prefix, _uri)
_SETTINGS = (
    f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
)


@dataclass
class Start:
    """The package being written, its main part, and the letter's section."""

    package: Package
    main: str
    section: Section
    template: bool


def blank_start() -> Start:
    """A new package with our settings (styles are added by the writer)."""
    package = Package()
    main = "word/document.xml"
    package.put(main, b"", _DOCUMENT)
    package.relate("", RT + "officeDocument", main)
    package.put("word/settings.xml", xml_part(_SETTINGS), CT + "wordprocessingml.settings+xml")
    package.relate(main, RT + "settings", "word/settings.xml")
    return Start(package, main, Section(parse(DEFAULT_SECTION), package, main), False)


def open_template(path: Path) -> Start:
    """The template at ``path``, to be given a new body; ``RebuttalError`` when it is unusable.

    The template is read within the zip guard's limits and every XML part through the guarded
    parser; only the parts the template's relationships lead to are kept (see
    :meth:`Package.keep_only_reachable`), so nothing else in the zip reaches the letter.
    """
    try:
        size = Path(path).stat().st_size
    except OSError as error:
        raise os_error(error, path, doing="read", field=_FIELD) from None
    if size > MAX_TEMPLATE_BYTES:
        raise RebuttalError(f"the template is {size // (1024 * 1024)} MB; a Word template is a few MB "
                            f"(at most {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB)", file=path, field=_FIELD)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise os_error(error, path, doing="read", field=_FIELD) from None
    not_word = RebuttalError("not a Word document or template (.docx or .dotx)", file=path, field=_FIELD)
    try:
        package = Package.read(data)
        if package.related("", RT + "officeDocument") is None:
            raise NotAPackage("no relationship to its main document")
        main = package.main_part()
        _one_of_each(package, "", ("officeDocument",))
        _one_of_each(package, main, _SINGLE_PARTS)
        kind = package.content_type(main)
        if "macroEnabled" in kind or any("macroEnabled" in value for value in package.overrides.values()):
            raise _MacroEnabled
        if kind == _TEMPLATE:  # a .dotx differs from a .docx only in its main part's content type
            package.overrides[main] = _DOCUMENT
        elif kind != _DOCUMENT:
            raise NotAPackage(f"its main part is {kind or 'of no known type'}")
        package.keep_only_reachable()
        if main not in package.parts:
            raise NotAPackage("no main document part")
        body = parse(package.parts[main]).find(_W + "body")
        numbering = package.related(main, RT + "numbering")
        if numbering in package.parts:
            try:
                numbering_ids(package.parts[numbering])
            except ValueError as error:
                raise BadXML(f"{numbering}: {error}") from None
    except BadZip as error:
        raise RebuttalError(f"{not_word.message}: {error}", file=path, field=_FIELD) from None
    except _MacroEnabled:
        raise RebuttalError(
            "macro-enabled Word files (.docm/.dotm) are not supported; save it as .docx or .dotx",
            file=path, field=_FIELD,
        ) from None
    except (NotAPackage, BadXML) as error:
        reason = str(error).split("\n")[0][:160]
        raise RebuttalError(f"{not_word.message}: {reason}", file=path, field=_FIELD) from None
    # Keep only the body's final sectPr: page size, margins, header and footer references.
    found = body.find(_W + "sectPr") if body is not None else None
    element = copy.deepcopy(found) if found is not None else ElementTree.Element(_W + "sectPr")
    for name in [name for name in package.parts if name.startswith("docProps/thumbnail")]:
        del package.parts[name]  # a picture of the template's own first page would be wrong
    package.rels[""] = [rel for rel in package.rels.get("", []) if not rel.type.endswith("/thumbnail")]
    # Word 2010's copy of the styles with effects would contradict the styles we add; Word
    # rebuilds it from styles.xml when it is missing (and has not written it since 2013).
    for rel in [rel for rel in package.rels.get(main, []) if rel.type.endswith("/stylesWithEffects")]:
        package.unrelate(main, rel.id)
    settings = package.related(main, RT + "settings")
    if settings in package.parts:
        package.parts[settings] = _valid_zoom(package.parts[settings])
    package.keep_only_reachable()  # again: no relationship left pointing at a part dropped above
    return Start(package, main, Section(element, package, main), True)


def _one_of_each(package: Package, source: str, kinds: tuple[str, ...]) -> None:
    """Refuse two relationships of one kind where a Word file has one (two styles parts...)."""
    for kind in kinds:
        count = sum(1 for rel in package.rels.get(source, []) if rel.type == RT + kind)
        if count > 1:
            raise NotAPackage(f"{source or 'the package'} has {count} {kind} relationships (one is allowed)")


def _valid_zoom(data: bytes) -> bytes:
    """Settings whose ``w:zoom`` has the ``w:percent`` the schema requires (Word itself writes
    ``<w:zoom w:val="bestFit"/>`` without it in some versions, and the schema refuses that)."""
    text = as_text(data)
    found = re.search(r"<(\w+):zoom\b([^>]*?)(/?)>", text)
    if found is None or "percent=" in found.group(2):
        return data
    prefix = found.group(1)
    fixed = f'<{prefix}:zoom{found.group(2)} {prefix}:percent="100"{found.group(3)}>'
    return (text[:found.start()] + fixed + text[found.end():]).encode("utf-8")


def core_part_name(package: Package) -> str:
    """Where the package keeps its core properties (made known to the package if new)."""
    name = package.related("", RT_CORE) or "docProps/core.xml"
    package.relate("", RT_CORE, name)
    return name


class _MacroEnabled(Exception):
    """The package is a .docm/.dotm: we will not carry macros."""
