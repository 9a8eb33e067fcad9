"""Every format a letter can be exported to, in one table (as pandoc registers its writers once).

The CLI's ``--format`` choices, the format a file name implies, the app's export
dialog and command palette, and what each export passes to its writer all come
from :data:`EXPORT_FORMATS`. A writer is named, not imported: it is loaded only
when its format is written, so a Markdown build never loads the DOCX writer.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rebuttal.errors import RebuttalError


@dataclass(frozen=True)
class ExportFormat:
    """One output format: its name, file extensions, how people call it, and where its writer lives."""

    name: str  # --format's value
    extensions: tuple[str, ...]  # the first is the one an export is given
    label: str  # for people: the export dialog, the palette, "Exported Word (DOCX) to ..."
    purpose: str  # what it is for, one line
    binary: bool  # a file, never standard output
    writer: str  # "module:function": binary writers write a path, the others return the text
    options: frozenset[str] = frozenset()  # the options its writer takes (build flags, the app's settings)
    needs_libreoffice: bool = False

    @property
    def extension(self) -> str:
        """The extension an export in this format is given (``.docx``)."""
        return self.extensions[0]

    def takes(self, option: str) -> bool:
        """True when this format's writer uses ``option`` (``template``, ``width``...)."""
        return option in self.options

    def load_writer(self) -> Callable[..., object]:
        """The writer function, imported now (only when this format is written)."""
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(module), function)


# The options of a letter laid out by the DOCX writer (a PDF is that DOCX, converted by LibreOffice).
_WORD_OPTIONS = frozenset({"template", "comments", "origin"})

EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("docx", (".docx",), "Word (DOCX)", "Word file for the editors", binary=True,
                 writer="rebuttal.exchange.docx.write:write_docx", options=_WORD_OPTIONS),
    ExportFormat("pdf", (".pdf",), "PDF", "for portals and board members (through LibreOffice)", binary=True,
                 writer="rebuttal.exchange.pdf:write_pdf", options=_WORD_OPTIONS, needs_libreoffice=True),
    ExportFormat("md", (".md", ".markdown"), "Markdown", "Markdown file (pandoc, web pages)",
                 binary=False, writer="rebuttal.render.markdown:render_markdown"),
    ExportFormat("txt", (".txt", ".text"), "Plain text", "Plain text file (web forms, e-mail)", binary=False,
                 writer="rebuttal.render.text:render_text", options=frozenset({"width"})),
)
DEFAULT_FORMAT = "docx"
FORMAT_NAMES = tuple(fmt.name for fmt in EXPORT_FORMATS)
_BY_NAME = {fmt.name: fmt for fmt in EXPORT_FORMATS}
_BY_EXTENSION = {extension: fmt for fmt in EXPORT_FORMATS for extension in fmt.extensions}


def export_format(name: str) -> ExportFormat:
    """The format called ``name`` (``docx``, ``pdf``, ``md``, ``txt``)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise RebuttalError(f"unknown format '{name}'; use {_choices()}", field="format") from None


def format_of_path(path: Path) -> ExportFormat | None:
    """The format ``path``'s extension names (``letter.md`` -> Markdown), or None."""
    return _BY_EXTENSION.get(path.suffix.lower())


def format_for(path: Path | None, requested: str | None) -> ExportFormat:
    """The output format: the one asked for, else the one the file name implies (no file: DOCX)."""
    if requested:
        return export_format(requested)
    if path is None:
        return export_format(DEFAULT_FORMAT)
    found = format_of_path(path)
    if found is None:
        raise RebuttalError(
            f"cannot tell the format from '{path.suffix or path.name}'; use --format {_choices()}",
            file=path,
            field="output",
        )
    return found


def _choices() -> str:
    """``docx, pdf, md or txt``."""
    return ", ".join(FORMAT_NAMES[:-1]) + " or " + FORMAT_NAMES[-1]
