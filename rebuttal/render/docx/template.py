"""The Word document a letter starts from: python-docx's blank one, or a society's template.

A template (``--template``, like pandoc's reference document) is a society's
letterhead document, ``.docx`` or ``.dotx``. We keep its styles, numbering,
section settings, header and footer, and clear its body. Anything that is not
a readable Word file is reported as one clear error, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from rebuttal.errors import RebuttalError

_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_FIELD = "--template"


def blank_document() -> WordDocument:
    """python-docx's default document (we restyle it into our house letter style)."""
    return docx.Document()


def open_template(path: Path) -> WordDocument:
    """The template at ``path`` with its body cleared; ``RebuttalError`` when it is unusable."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise RebuttalError(f"cannot read the template: {error.strerror}", file=path, field=_FIELD) from None
    not_word = RebuttalError(
        "not a Word document or template (.docx or .dotx)", file=path, field=_FIELD
    )
    try:
        data = _as_document_package(data)
        word = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise not_word from None
    except _MacroEnabled:
        raise RebuttalError(
            "macro-enabled Word files (.docm/.dotm) are not supported; save it as .docx or .dotx",
            file=path, field=_FIELD,
        ) from None
    except Exception as error:  # python-docx raises many types for broken packages.
        reason = str(error).split("\n")[0][:120]
        raise RebuttalError(f"{not_word.message}: {reason}", file=path, field=_FIELD) from None
    _clear_body(word)
    return word


def _as_document_package(data: bytes) -> bytes:
    """A .dotx differs from a .docx only in its main part's content type: rewrite that one."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        if "[Content_Types].xml" not in names:
            raise zipfile.BadZipFile("no [Content_Types].xml")
        types = source.read("[Content_Types].xml")
        if b"application/vnd.ms-word." in types and b"macroEnabled" in types:
            raise _MacroEnabled
        if _TEMPLATE.encode() not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    content = types.replace(_TEMPLATE.encode(), _DOCUMENT.encode())
                target.writestr(info, content)
        return out.getvalue()


class _MacroEnabled(Exception):
    """The package is a .docm/.dotm: python-docx cannot open it and we will not carry macros."""


def _clear_body(word: WordDocument) -> None:
    # Keep only the final sectPr: page size, margins, header and footer references.
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # Word accepts a body without section properties; we need one for paper and footers.
    body.get_or_add_sectPr()


def has_own_letterhead(word: WordDocument) -> bool:
    """True when the template's first page already has a header with text or a picture."""
    section = word.sections[0]
    headers = [section.first_page_header] if section.different_first_page_header_footer else []
    headers.append(section.header)
    for header in headers:
        if header.is_linked_to_previous:
            continue
        element = header._element
        if any(text.text and text.text.strip() for text in element.iter(qn("w:t"))):
            return True
        if next(element.iter(qn("w:drawing")), None) is not None:
            return True
    return False
